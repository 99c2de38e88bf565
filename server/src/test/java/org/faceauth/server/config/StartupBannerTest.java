package org.faceauth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.faceauth.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

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

  @Test
  void onPostgreSqlTheHintNamesTheLauncherTheKeyFileAndTheDatabaseButNeverItsPassword() {
    StoreSettings postgres = StoreSettings.embedded(Path.of("/srv/faceauth/node a"))
        .withKeyFile(Path.of("/etc/faceauth/template.keys"))
        .withDatabaseUrl("jdbc:postgresql://db:5432/faceauth?user=fa&password=s3cret");
    List<String> lines = new StartupBanner(postgres, new MockEnvironment().withProperty("FACEAUTH_COMMAND",
        "./faceauth")).lines(19600);
    assertThat(lines).contains("  app key:    FACEAUTH_KEY_FILE=/etc/faceauth/template.keys ./faceauth keys create "
        + "--role app --name myapp --data-dir '/srv/faceauth/node a' --db \"$FACEAUTH_DB_URL\"");
    assertThat(String.join("\n", lines)).doesNotContain("s3cret").contains("FACEAUTH_DB_URL set to this server's");

    StoreSettings withoutPassword = postgres.withDatabaseUrl("jdbc:postgresql://db:5432/faceauth?user=fa");
    assertThat(new StartupBanner(withoutPassword, new MockEnvironment()).lines(19600)).anySatisfy(line ->
        assertThat(line).startsWith("  app key:    FACEAUTH_KEY_FILE=/etc/faceauth/template.keys faceauth keys")
            .endsWith(" --db 'jdbc:postgresql://db:5432/faceauth?user=fa'"));
  }
}
