package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faceauth clients create|list|delete}: the OpenID Connect clients of an embedded store. */
class ClientsCommandTest {
  @TempDir Path folder;

  private CliRun run(String... args) {
    return CliRun.inDataDir(folder.resolve("data"), args);
  }

  @Test
  void createPrintsTheSecretOnce_listNeverDoes_deleteRemoves() {
    CliRun created = run("clients", "create", "--name", "Shop", "--redirect-uri", "https://shop.example.org/cb",
        "--redirect-uri", "http://localhost:3000/cb", "--scope", "openid", "--scope", "profile");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode client = created.json().get(0);
    String clientId = client.get("clientId").asText();
    String secret = client.get("clientSecret").asText();
    assertThat(client.get("type").asText()).isEqualTo("confidential");
    assertThat(client.get("redirectUris")).hasSize(2);
    assertThat(secret).hasSizeGreaterThan(30);

    assertThat(created.err()).as("the first command made the data directory, and says so")
        .contains("made a new, empty data directory " + folder.resolve("data").toAbsolutePath().normalize());

    CliRun listed = run("clients", "list");
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.err()).doesNotContain("made a new");
    assertThat(listed.json()).hasSize(1);
    assertThat(listed.out()).contains(clientId).doesNotContain(secret);

    CliRun publicClient = run("clients", "create", "--name", "Phone", "--type", "public",
        "--redirect-uri", "https://phone.example.org/cb");
    assertThat(publicClient.json().get(0).get("clientSecret").isNull()).isTrue();

    assertThat(run("clients", "delete", clientId).exitCode()).isZero();
    assertThat(run("clients", "list").out()).doesNotContain(clientId);
    CliRun again = run("clients", "delete", clientId);
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("No client with id");
  }

  @Test
  void aPlainHttpRedirectOutsideLocalhostIsBadInput() {
    CliRun refused = run("clients", "create", "--name", "Shop", "--redirect-uri", "http://shop.example.org/cb");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("must use https");
    CliRun badType = run("clients", "create", "--name", "Shop", "--type", "secret",
        "--redirect-uri", "https://shop.example.org/cb");
    assertThat(badType.exitCode()).isEqualTo(3);
  }
}
