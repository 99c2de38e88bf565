package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faceauth invitations create|list|revoke} on an embedded store: the link is printed once, lists never show it. */
class InvitationsCommandTest {
  @TempDir Path folder;

  private CliRun run(String... args) {
    return CliRun.inDataDir(folder.resolve("data"), args);
  }

  @Test
  void anInvitationIsCreatedWithItsLinkOnceListedWithoutItAndRevoked() {
    CliRun created = run("invitations", "create", "--user", "ada", "--name", "Ada Lovelace", "--expires-in", "90");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode invitation = created.json().get(0);
    String url = invitation.get("url").asText();
    assertThat(url).matches("http://localhost:\\d+/enroll#inv_[A-Za-z0-9_-]{43}");
    assertThat(invitation.get("status").asText()).isEqualTo("pending");
    assertThat(invitation.get("displayName").asText()).isEqualTo("Ada Lovelace");

    CliRun listed = run("invitations", "list");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).contains(invitation.get("id").asText())
        .doesNotContain(url.substring(url.indexOf('#') + 1));

    String id = invitation.get("id").asText();
    assertThat(run("invitations", "revoke", id).exitCode()).isZero();
    assertThat(run("invitations", "list").json().get(0).get("status").asText()).isEqualTo("revoked");
    CliRun again = run("invitations", "revoke", id);
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("No pending invitation");

    CliRun audit = run("audit", "--user", "ada");
    assertThat(audit.out()).contains("create_invitation", "revoke_invitation");
  }

  @Test
  void aLifetimeBeyondThirtyDaysIsRefused() {
    CliRun refused = run("invitations", "create", "--user", "bob", "--expires-in", "50000");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("30 days");
  }
}
