package org.faceauth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.faceauth.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** On start the server says where its page and Swagger UI are and how to make an app key. */
@FreshServer
@ExtendWith(OutputCaptureExtension.class)
class StartupBannerTest extends ServerTest {
  @Autowired StoreSettings store;

  @Test
  void theStartPrintsThePageConsoleSwaggerAndTheAppKeyCommand(CapturedOutput output) {
    String base = "http://localhost:" + port;
    assertThat(output.getOut()).contains(
        "FaceAuth is ready on " + base,
        "  web page:   " + base + "/",
        "  admin:      " + base + "/admin",
        "  Swagger UI: " + base + "/swagger-ui.html",
        "  app key:    faceauth keys create --role app --name myapp --data-dir "
            + store.dataDirectory().toAbsolutePath().normalize());
    assertThat(api.get("/swagger-ui.html", null).status()).as("the Swagger UI link answers").isLessThan(400);
    assertThat(api.get("/", null).status()).as("the page link answers").isEqualTo(200);
    assertThat(api.get("/admin", null).status()).as("the console link answers").isLessThan(400);
  }
}
