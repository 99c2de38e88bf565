package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.faceauth.core.testing.TestData;
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
  void anEnrolledUsersFaceIsReplacedByInvitationOnlyWithReplace() {
    CliRun enrolled = run("enroll", "Abel_Pacheco", "--consent",
        TestData.raw("users/Abel_Pacheco/1.jpg").toString(), TestData.raw("users/Abel_Pacheco/2.jpg").toString());
    assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();

    CliRun refused = run("invitations", "create", "--user", "Abel_Pacheco");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("already has a face enrolled");

    CliRun created = run("invitations", "create", "--user", "Abel_Pacheco", "--replace");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.json().get(0).get("replaceExisting").asBoolean()).isTrue();
    assertThat(run("audit", "--user", "Abel_Pacheco").out()).contains("created_replace_existing");
  }

  @Test
  void aLifetimeBeyondThirtyDaysIsRefused() {
    CliRun refused = run("invitations", "create", "--user", "bob", "--expires-in", "50000");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("30 days");
  }
}
