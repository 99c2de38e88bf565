package org.faceauth.server.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A {@link ServerTest} class that starts its own server on an empty data directory instead of reusing the cached one:
 * for classes that enroll faces, since an enrolled face changes what duplicate checks and identification answer in
 * every other class that shares the server.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
public @interface FreshServer {}
