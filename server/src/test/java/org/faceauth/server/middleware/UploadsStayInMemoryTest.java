package org.faceauth.server.middleware;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Face photos sent as multipart parts never touch the disk: Tomcat would spool each part to an {@code upload_*.tmp}
 * file in its temporary folder (under java.io.tmpdir), where a crash leaves it.
 */
class UploadsStayInMemoryTest extends ServerTest {
  @Autowired ServletContext servletContext;
  @Autowired MultipartConfigElement multipart;

  @Test
  void everyAllowedPartFitsUnderTheSpoolingThreshold() {
    assertThat((long) multipart.getFileSizeThreshold()).isGreaterThanOrEqualTo(multipart.getMaxFileSize());
    assertThat(multipart.getMaxFileSize()).isPositive();
  }

  @Test
  void aMultipartVerificationCreatesNoFileWhereTomcatSpoolsUploads() throws Exception {
    Path spool = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
    assertThat(spool.toString()).startsWith(System.getProperty("java.io.tmpdir"));
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      spool.register(watch, ENTRY_CREATE);
      Answer answer = api.postMultipart("/api/v1/auth/verify", appKey, List.of(Part.field("userId", "someone"),
          Part.file("image", photo("test/known_faces/Abel_Pacheco_1.jpg"))));
      assertThat(answer.status()).as(answer.text()).isLessThan(500);
      WatchKey created = watch.poll(1, TimeUnit.SECONDS);
      assertThat(created == null ? List.of() : created.pollEvents()).isEmpty();
    }
  }
}
