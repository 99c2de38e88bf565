package org.faceauth.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faceauth.core.testing.TestData;
import org.faceauth.server.FaceAuthServer;
import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP integration tests: the real server on a random port, the bundled models, a SQLite data directory, a
 * bootstrap admin key and an app key. Spring caches the server: every class with the same properties shares one
 * server and one data directory (a class with its own {@code @TestPropertySource} gets its own). A class that enrolls
 * faces is marked {@link FreshServer} and starts from an empty directory; the others use user ids of their own.
 */
@AutoConfigureObservability
@SpringBootTest(classes = FaceAuthServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {
  protected static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

  @LocalServerPort protected int port;

  @Autowired protected ApiKeyStore keys;

  protected Api api;
  protected String appKey;

  @DynamicPropertySource
  static void serverProperties(DynamicPropertyRegistry registry) {
    String dataDirectory = freshDataDirectory().toString();
    registry.add("faceauth.data-dir", () -> dataDirectory);
    registry.add("faceauth.bootstrap-admin-key", () -> ADMIN_KEY);
    registry.add("faceauth.cors-origins", () -> "https://app.example.org");
  }

  @BeforeEach
  void client() {
    api = new Api(port);
    if (appKey == null) {
      appKey = keys.create("tests", ApiKeyRole.APP).secret();
    }
  }

  /** The enrollment path that creates {@code user} with their consent given in the request. */
  protected static String newUserFaces(String user) {
    return "/api/v1/users/" + user + "/faces?createUser=true&consent=true";
  }

  /** A photo under faces-dev/raw. */
  protected static Path photo(String relative) {
    return TestData.raw(relative);
  }

  private static Path freshDataDirectory() {
    try {
      return Files.createTempDirectory("faceauth-server-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
