package org.faceauth.server.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.faceauth.server.testing.Api;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.faceauth.store.FaceAuthSystem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Enrollment invitations end to end over HTTP: an admin invites a user id and gets a link holding the secret once; the
 * link's holder (never an API key) opens it, accepts the consent text, checks frames against the quality gate and
 * enrolls several photos of one person in one request that uses the invitation up; a used, revoked or expired
 * invitation is refused with its own code; of two concurrent submissions one wins; an enrollment that stores nothing
 * gives the invitation back; every step is audited.
 */
@FreshServer
@TestPropertySource(properties = "faceauth.public-url=https://faceauth.example.org/")
class InvitationEnrollmentTest extends ServerTest {
  @Autowired private FaceAuthSystem system;

  private static List<String> photos(String person, int... numbers) {
    return IntStream.of(numbers).mapToObj(n -> Api.base64(photo("users/" + person + "/" + n + ".jpg"))).toList();
  }

  private JsonNode invite(String userId, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("userId", userId);
    Answer created = api.postJson("/api/v1/admin/invitations", ADMIN_KEY, body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json();
  }

  private static String secret(JsonNode issued) {
    String url = issued.get("url").asText();
    return url.substring(url.indexOf('#') + 1);
  }

  private static String[] as(String secret) {
    return new String[] {"Authorization", "Invitation " + secret};
  }

  private Answer consent(String secret) {
    return api.postJson("/api/v1/invitation/consent", null, Map.of("consent", true), as(secret));
  }

  private Answer enroll(String secret, List<String> frames) {
    return api.postJson("/api/v1/invitation/enroll", null, Map.of("consent", true, "frames", frames), as(secret));
  }

  private static void assertProblem(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
  }

  @Test
  void theInvitedPersonEnrollsSeveralFramesOnceWithTheLinkAlone() {
    JsonNode issued = invite("havel", Map.of("displayName", "Václav Havel", "expiresInMinutes", 60));
    String id = issued.get("invitation").get("id").asText();
    String secret = secret(issued);
    assertThat(issued.get("url").asText()).startsWith("https://faceauth.example.org/enroll#inv_");
    assertThat(issued.get("invitation").get("status").asText()).isEqualTo("pending");
    String listing = api.get("/api/v1/admin/invitations", ADMIN_KEY).text();
    assertThat(listing).contains(id, "havel").doesNotContain(secret);

    Answer withoutInvitation = api.get("/api/v1/invitation", null);
    assertProblem(withoutInvitation, 401, "UNAUTHORIZED");
    assertThat(withoutInvitation.json().get("detail").asText()).contains("Authorization: Invitation inv_")
        .doesNotContain("API key");
    assertProblem(api.get("/api/v1/invitation", ADMIN_KEY), 403, "FORBIDDEN");
    assertProblem(api.get("/api/v1/invitation", null, as(secret + "x")), 401, "UNAUTHORIZED");
    assertProblem(api.get("/api/v1/users", null, as(secret)), 403, "FORBIDDEN");

    Answer opened = api.get("/api/v1/invitation", null, as(secret));
    assertThat(opened.status()).as(opened.text()).isEqualTo(200);
    assertThat(opened.json().get("userId").asText()).isEqualTo("havel");
    assertThat(opened.json().get("displayName").asText()).isEqualTo("Václav Havel");
    assertThat(opened.json().get("consentText").asText()).contains("face template");
    assertThat(opened.json().get("consented").asBoolean()).isFalse();

    List<String> frames = photos("Vaclav_Havel", 1, 2, 3, 4, 5);
    assertProblem(enroll(secret, frames), 422, "CONSENT_REQUIRED");
    assertProblem(api.postJson("/api/v1/invitation/check", null, Map.of("image", frames.get(0)), as(secret)), 422,
        "CONSENT_REQUIRED");
    assertThat(consent(secret).json().get("consented").asBoolean()).isTrue();
    assertProblem(enroll(secret, frames.subList(0, 2)), 400, "INVALID_REQUEST");

    Answer enrolled = enroll(secret, frames);
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
    assertThat(enrolled.json().get("userId").asText()).isEqualTo("havel");
    assertThat(enrolled.json().get("templatesStored").asInt()).isGreaterThanOrEqualTo(3);

    JsonNode user = api.get("/api/v1/users/havel", ADMIN_KEY).json();
    assertThat(user.get("displayName").asText()).isEqualTo("Václav Havel");
    assertThat(user.get("templates").asInt()).isEqualTo(enrolled.json().get("templatesStored").asInt());
    assertThat(user.get("consentAt").isNull()).as(user.toString()).isFalse();

    assertProblem(enroll(secret, frames), 410, "INVITATION_USED");
    assertProblem(api.get("/api/v1/invitation", null, as(secret)), 410, "INVITATION_USED");
    assertThat(api.get("/api/v1/admin/invitations", ADMIN_KEY).json().get("items").get(0).get("status").asText())
        .isEqualTo("used");

    Answer verified = api.postMultipart("/api/v1/auth/verify", appKey, List.of(Api.Part.field("userId", "havel"),
        Api.Part.file("image", photo("users/Vaclav_Havel/1.jpg"))));
    assertThat(verified.status()).as(verified.text()).isEqualTo(200);

    JsonNode audit = api.get("/api/v1/admin/audit?user=havel&size=50", ADMIN_KEY).json().get("items");
    assertThat(audit.findValuesAsText("action"))
        .contains("create_invitation", "open_invitation", "consent_invitation", "enroll");
    assertThat(audit.findValuesAsText("actor")).contains("invitation:" + id);
  }

  @Test
  void revokedAndExpiredInvitationsAreRefusedWithTheirOwnCodes() throws Exception {
    JsonNode revoked = invite("revoked-person", Map.of());
    String revokedId = revoked.get("invitation").get("id").asText();
    assertThat(api.delete("/api/v1/admin/invitations/" + revokedId, ADMIN_KEY).status()).isEqualTo(204);
    assertProblem(api.delete("/api/v1/admin/invitations/" + revokedId, ADMIN_KEY), 404, "NOT_FOUND");
    assertProblem(api.get("/api/v1/invitation", null, as(secret(revoked))), 410, "INVITATION_REVOKED");
    assertProblem(consent(secret(revoked)), 410, "INVITATION_REVOKED");

    JsonNode expired = invite("expired-person", Map.of("expiresInMinutes", 1));
    system.database().query(c -> {
      try (var update = c.prepareStatement("UPDATE invitations SET expires_at = 0 WHERE id = ?")) {
        update.setString(1, expired.get("invitation").get("id").asText());
        return update.executeUpdate();
      }
    });
    assertProblem(api.get("/api/v1/invitation", null, as(secret(expired))), 410, "INVITATION_EXPIRED");
    assertProblem(enroll(secret(expired), photos("Trent_Lott", 1, 2, 3)), 410, "INVITATION_EXPIRED");
    assertThat(api.get("/api/v1/users/expired-person", ADMIN_KEY).status()).isEqualTo(404);

    assertProblem(api.postJson("/api/v1/admin/invitations", ADMIN_KEY,
        Map.of("userId", "too-long", "expiresInMinutes", 60 * 24 * 31)), 400, "INVALID_REQUEST");
    assertProblem(api.postJson("/api/v1/admin/invitations", ADMIN_KEY, Map.of("userId", "../x")), 400,
        "INVALID_USER_ID");
  }

  @Test
  void ofTwoConcurrentSubmissionsExactlyOneWins() throws Exception {
    String secret = secret(invite("lott", Map.of()));
    assertThat(consent(secret).status()).isEqualTo(200);
    List<String> frames = photos("Trent_Lott", 1, 2, 3, 4);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Answer>> submissions = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      submissions.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return enroll(secret, frames);
      }));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Answer> submission : submissions) {
      Answer answer = submission.get();
      statuses.add(answer.status());
      if (answer.status() != 201) {
        assertThat(answer.json().get("code").asText()).isEqualTo("INVITATION_USED");
      }
    }
    assertThat(statuses).containsExactlyInAnyOrder(201, 410);
  }

  @Test
  void anEnrollmentThatStoresNothingLeavesTheLinkUsableAndChecksGiveLiveAdvice() {
    String secret = secret(invite("tries-again", Map.of()));
    assertThat(consent(secret).status()).isEqualTo(200);

    Answer noFace = api.postJson("/api/v1/invitation/check", null,
        Map.of("image", Api.base64(photo("test/no_face/opencv_apple.jpg"))), as(secret));
    assertThat(noFace.status()).as(noFace.text()).isEqualTo(200);
    assertThat(noFace.json().get("accepted").asBoolean()).isFalse();
    assertThat(noFace.json().get("issues").get(0).asText()).isEqualTo("NO_FACE");
    assertThat(noFace.json().get("advice").get(0).asText()).contains("No face");

    Answer face = api.postJson("/api/v1/invitation/check", null,
        Map.of("image", Api.base64(photo("users/Barack_Obama/1.jpg"))), as(secret));
    assertThat(face.json().get("accepted").asBoolean()).as(face.text()).isTrue();
    assertThat(face.json().get("turn").isNumber()).isTrue();

    List<String> nothing = List.of("opencv_apple.jpg", "opencv_aloeL.jpg", "opencv_HappyFish.jpg").stream()
        .map(name -> Api.base64(photo("test/no_face/" + name))).toList();
    assertProblem(enroll(secret, nothing), 422, "ENROLLMENT_REJECTED");
    Answer again = api.get("/api/v1/invitation", null, as(secret));
    assertThat(again.status()).as("the link still works after a refused try").isEqualTo(200);
    assertThat(api.get("/api/v1/users/tries-again", ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void picturesOfSeveralPeopleAreRefused_andTheLinkStaysUsableForTheInvitedPersonAlone() {
    String secret = secret(invite("veneman", Map.of()));
    assertThat(consent(secret).status()).isEqualTo(200);
    List<String> threePeople = List.of(Api.base64(photo("users/Angela_Bassett/1.jpg")),
        Api.base64(photo("users/Antony_Leung/1.jpg")), Api.base64(photo("users/Ann_Veneman/1.jpg")));

    Answer mixed = enroll(secret, threePeople);
    assertProblem(mixed, 422, "FACES_DIFFER");
    assertThat(mixed.json().get("detail").asText()).contains("more than one person");
    assertThat(api.get("/api/v1/users/veneman", ADMIN_KEY).status()).as("nothing stored").isEqualTo(404);
    assertThat(api.get("/api/v1/admin/audit?user=veneman&action=enroll", ADMIN_KEY).text()).contains("faces_differ");

    Answer one = enroll(secret, photos("Ann_Veneman", 1, 2, 3));
    assertThat(one.status()).as(one.text()).isEqualTo(201);
    assertThat(one.json().get("templatesStored").asInt()).isEqualTo(3);
  }

  @Test
  void anInvitationForAnEnrolledUserNeedsTheOperatorsExplicitReplaceExisting() {
    assertThat(api.postMultipart(newUserFaces("bassett"), ADMIN_KEY, List.of(
        Part.file("images", photo("users/Angela_Bassett/1.jpg")),
        Part.file("images", photo("users/Angela_Bassett/2.jpg")))).status()).isEqualTo(201);
    Answer refused = api.postJson("/api/v1/admin/invitations", ADMIN_KEY, Map.of("userId", "bassett"));
    assertProblem(refused, 409, "USER_ALREADY_ENROLLED");
    assertThat(refused.json().get("detail").asText()).contains("already has a face enrolled", "replaceExisting");

    JsonNode issued = invite("bassett", Map.of("replaceExisting", true));
    assertThat(issued.get("invitation").get("replaceExisting").asBoolean()).isTrue();
    String secret = secret(issued);
    assertThat(api.get("/api/v1/invitation", null, as(secret)).json().get("replacesExisting").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/admin/audit?user=bassett&action=create_invitation", ADMIN_KEY).text())
        .contains("created_replace_existing");
    assertThat(consent(secret).status()).isEqualTo(200);
    Answer replaced = enroll(secret, photos("Angela_Bassett", 1, 2, 3));
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(201);
  }

  @Test
  void anInvitationMadeBeforeTheUserWasEnrolledDoesNotReplaceThatFace() {
    String secret = secret(invite("leung", Map.of()));
    assertThat(api.get("/api/v1/invitation", null, as(secret)).json().get("replacesExisting").asBoolean()).isFalse();
    assertThat(consent(secret).status()).isEqualTo(200);
    assertThat(api.postMultipart(newUserFaces("leung"), ADMIN_KEY, List.of(
        Part.file("images", photo("users/Antony_Leung/1.jpg")))).status()).isEqualTo(201);

    assertProblem(enroll(secret, photos("Antony_Leung", 1, 2, 2)), 409, "USER_ALREADY_ENROLLED");
  }

  @Test
  void theEnrollmentPageIsPublicWithAStrictContentSecurityPolicy() {
    for (Path file : List.of(Path.of("/enroll"), Path.of("/enroll/enroll.js"), Path.of("/enroll/enroll.css"))) {
      Answer page = api.get(file.toString(), null);
      assertThat(page.status()).as(file.toString()).isEqualTo(200);
      assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self'");
    }
    assertThat(api.get("/enroll", null).text()).doesNotContain("<script>", "style=");
  }
}
