package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Who may be enrolled: an id that does not exist only when the request asks for the user to be created, and only a
 * person whose consent is recorded (at creation) or given with the enrollment. Refusals come before any inference and
 * store nothing.
 */
@FreshServer
class EnrollmentPolicyTest extends ServerTest {
  private Answer enroll(String path, String person) {
    return api.postMultipart(path, ADMIN_KEY, List.of(Part.file("images", photo("users/" + person + "/1.jpg"))));
  }

  private void assertProblem(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(answer.json().get("requestId").asText()).isNotBlank();
  }

  @Test
  void enrollingIntoAnIdThatDoesNotExistIsRefusedUnlessTheRequestAsksToCreateTheUser() {
    assertProblem(enroll("/api/v1/users/never-created/faces?consent=true", "Abel_Pacheco"), 404, "USER_NOT_FOUND");
    assertThat(api.get("/api/v1/users/never-created", ADMIN_KEY).status()).isEqualTo(404);

    Answer created = enroll(newUserFaces("asked-for"), "Abel_Pacheco");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(api.get("/api/v1/users/asked-for", ADMIN_KEY).json().get("templates").asInt()).isEqualTo(1);
  }

  @Test
  void enrollingWithoutRecordedConsentIsRefusedWithConsentRequired() {
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "no-consent")).status()).isEqualTo(201);
    assertProblem(enroll("/api/v1/users/no-consent/faces", "Akhmed_Zakayev"), 422, "CONSENT_REQUIRED");
    assertProblem(enroll("/api/v1/users/brand-new/faces?createUser=true", "Akhmed_Zakayev"), 422,
        "CONSENT_REQUIRED");
    assertThat(api.get("/api/v1/users/no-consent", ADMIN_KEY).json().get("templates").asInt()).isZero();
    assertThat(api.get("/api/v1/users/brand-new", ADMIN_KEY).status()).isEqualTo(404);

    Answer consented = enroll("/api/v1/users/no-consent/faces?consent=true", "Akhmed_Zakayev");
    assertThat(consented.status()).as(consented.text()).isEqualTo(201);
    assertThat(api.get("/api/v1/users/no-consent", ADMIN_KEY).json().get("consentAt").isNull()).isFalse();
  }

  @Test
  void consentRecordedAtCreationIsEnoughForLaterEnrollments() {
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "consented", "consent", true)).status())
        .isEqualTo(201);
    Answer enrolled = enroll("/api/v1/users/consented/faces", "Alex_Lacamoire");
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
  }
}
