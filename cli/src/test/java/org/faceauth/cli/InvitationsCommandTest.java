package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    CliRun created = run("invitations", "create", "--user", "ada", "--name", "Ada Lovelace", "--expires-in", "90",
        "--public-url", "http://localhost:19600/");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode invitation = created.json().get(0);
    String url = invitation.get("url").asText();
    assertThat(url).matches("http://localhost:19600/enroll#inv_[A-Za-z0-9_-]{43}");
    assertThat(invitation.get("status").asText()).isEqualTo("pending");
    assertThat(invitation.get("displayName").asText()).isEqualTo("Ada Lovelace");
    assertThat(invitation.get("openedAt").isNull()).as("as the API shows it: not opened yet").isTrue();
    assertThat(invitation.get("consentedAt").isNull()).isTrue();

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
  void withoutAnAddressNoLinkIsGuessedAndNoInvitationIsMade() {
    assumeTrue(System.getenv("FACEAUTH_PUBLIC_URL") == null, "FACEAUTH_PUBLIC_URL is set in this environment");
    CliRun refused = run("invitations", "create", "--user", "grace");
    assertThat(refused.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(refused.out()).doesNotContain("inv_");
    assertThat(refused.err()).contains("--public-url", "FACEAUTH_PUBLIC_URL", "No invitation was made");
    assertThat(run("invitations", "list").out()).doesNotContain("grace");
  }

  @Test
  void anAddressWithAQueryIsRefused() {
    CliRun refused = run("invitations", "create", "--user", "grace", "--public-url", "https://faceauth.example?x=1");
    assertThat(refused.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(refused.err()).contains("without query or fragment");
  }

  @Test
  void anEnrolledUsersFaceIsReplacedByInvitationOnlyWithReplace() {
    CliRun enrolled = run("enroll", "Abel_Pacheco", "--consent",
        TestData.raw("users/Abel_Pacheco/1.jpg").toString(), TestData.raw("users/Abel_Pacheco/2.jpg").toString());
    assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();

    CliRun refused = run("invitations", "create", "--user", "Abel_Pacheco", "--public-url", "http://localhost:19850");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("already has a face enrolled");

    CliRun created = run("invitations", "create", "--user", "Abel_Pacheco", "--replace", "--public-url",
        "http://localhost:19850");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.json().get(0).get("replaceExisting").asBoolean()).isTrue();
    assertThat(run("audit", "--user", "Abel_Pacheco").out()).contains("created_replace_existing");
  }

  @Test
  void aLifetimeBeyondThirtyDaysIsRefused() {
    CliRun refused = run("invitations", "create", "--user", "bob", "--expires-in", "50000", "--public-url",
        "http://localhost:19600");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("30 days");
  }
}
