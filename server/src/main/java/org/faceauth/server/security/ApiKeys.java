package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Which API key a request was made with, read from Spring Security's context: the current thread's while the request
 * runs, the one kept on the request after the security chain has finished (for the access log).
 */
public final class ApiKeys {
  /** The request header that carries the key. */
  public static final String HEADER = "X-API-Key";

  private static final RequestAttributeSecurityContextRepository SAVED = new RequestAttributeSecurityContextRepository();

  private ApiKeys() {}

  /** The id of the key that authenticated {@code request}, if one did. */
  public static Optional<String> keyId(HttpServletRequest request) {
    return keyId(SecurityContextHolder.getContext())
        .or(() -> keyId(SAVED.loadDeferredContext(request).get()));
  }

  private static Optional<String> keyId(SecurityContext context) {
    Authentication authentication = context == null ? null : context.getAuthentication();
    return authentication instanceof ApiKeyAuthentication key && key.isAuthenticated()
        ? key.key().map(k -> k.id())
        : Optional.empty();
  }
}
