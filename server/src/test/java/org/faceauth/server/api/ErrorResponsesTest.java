package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.faceauth.core.testing.TestData;
import org.faceauth.server.testing.Api;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Every failure answers RFC 7807 problem+json with its HTTP status, a stable code and the request id. */
@FreshServer
class ErrorResponsesTest extends ServerTest {
  private static void assertProblem(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode body = answer.json();
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("type").asText()).isEqualTo("urn:faceauth:problem:" + code);
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(body.get("requestId").asText()).isEqualTo(answer.header("X-Request-Id"));
  }

  private Answer verify(String user, Part image) {
    return api.postMultipart("/api/v1/auth/verify", appKey, List.of(Part.field("userId", user), image));
  }

  @Test
  void keysAndRoles() {
    assertProblem(api.get("/api/v1/users", null), 401, "UNAUTHORIZED");
    assertProblem(api.get("/api/v1/users", "fa_not-a-real-key-at-all-000000"), 401, "UNAUTHORIZED");
    assertProblem(api.get("/api/v1/users", appKey), 403, "FORBIDDEN");
    assertProblem(api.delete("/api/v1/users/someone", appKey), 403, "FORBIDDEN");
  }

  @Test
  void unknownThingsAndWrongMethods() {
    assertProblem(api.get("/api/v1/users/nobody-here", ADMIN_KEY), 404, "USER_NOT_FOUND");
    assertProblem(api.get("/api/v1/no-such-endpoint", ADMIN_KEY), 404, "NOT_FOUND");
    assertProblem(api.get("/api/v1/auth/verify", ADMIN_KEY), 405, "METHOD_NOT_ALLOWED");
    assertProblem(api.get("/api/v1/auth/verify", appKey), 405, "METHOD_NOT_ALLOWED");
    assertProblem(api.get("/api/v1/users/bad%20id", ADMIN_KEY), 400, "INVALID_USER_ID");
  }

  @Test
  void aKeyAskingForAPathThatDoesNotExistIsToldSoButAnAnonymousCallerLearnsNothing() {
    assertProblem(api.get("/api/v1/no-such-endpoint", appKey), 404, "NOT_FOUND");
    assertProblem(api.postJson("/api/v1/auth/no-such-flow", appKey, Map.of()), 404, "NOT_FOUND");
    assertProblem(api.get("/api/v1/users/someone/unlock", appKey), 405, "METHOD_NOT_ALLOWED");
    assertProblem(api.get("/api/v1/users/someone", appKey), 403, "FORBIDDEN");
    assertProblem(api.get("/api/v1/no-such-endpoint", null), 401, "UNAUTHORIZED");
    assertProblem(api.get("/api/v1/users/someone", null), 401, "UNAUTHORIZED");
  }

  @Test
  void malformedRequests() {
    assertProblem(api.postMultipart("/api/v1/auth/verify", appKey, List.of(Part.field("userId", "x"))), 400,
        "BAD_REQUEST");
    assertProblem(api.postJson("/api/v1/auth/verify", appKey, Map.of("userId", "x", "image", "!!!not base64!!!")),
        400, "BAD_REQUEST");
    assertProblem(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("displayName", "no id")), 400, "BAD_REQUEST");
    assertProblem(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "a/b")), 400, "INVALID_USER_ID");
    assertProblem(api.get("/api/v1/users?page=-1", ADMIN_KEY), 400, "BAD_REQUEST");
    Answer tooMany = api.postMultipart("/api/v1/auth/identify?top=101", appKey,
        List.of(Part.file("image", TestData.raw("test/known_faces/Ann_Veneman_1.jpg"))));
    assertProblem(tooMany, 400, "INVALID_REQUEST");
    assertThat(tooMany.json().get("detail").asText()).contains("1 to 100");
    Answer text = api.postMultipart("/api/v1/faces/detect", appKey,
        List.of(Part.bytes("image", "photo.jpg", "I am not a picture".getBytes())));
    assertProblem(text, 415, "IMAGE_UNSUPPORTED_FORMAT");
  }

  @Test
  void unusablePhotos() {
    byte[] jpeg = TestData.bytes("test/known_faces/Ann_Veneman_1.jpg");
    byte[] truncated = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
    assertProblem(api.postMultipart("/api/v1/faces/detect", appKey,
        List.of(Part.bytes("image", "half.jpg", truncated))), 422, "IMAGE_TRUNCATED");
    Part noFace = Part.file("image", TestData.images("test/no_face").get(0));
    assertProblem(api.postMultipart("/api/v1/auth/identify", appKey, List.of(noFace)), 422, "NO_FACE");
    assertProblem(api.postMultipart("/api/v1/faces/crop", appKey, List.of(noFace)), 422, "NO_FACE");

    Answer rejected = api.postMultipart(newUserFaces("Nobody_Visible"), ADMIN_KEY,
        List.of(Part.file("images", TestData.images("test/no_face").get(0))));
    assertProblem(rejected, 422, "ENROLLMENT_REJECTED");
    assertThat(rejected.json().get("images").get(0).get("reasons").get(0).asText()).isEqualTo("NO_FACE");
    assertThat(rejected.json().get("images").get(0).get("advice").get(0).asText()).contains("Face the camera");
  }

  @Test
  void conflicts() {
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "twice")).status()).isEqualTo(201);
    assertProblem(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "twice")), 409, "USER_EXISTS");

    Answer first = api.postMultipart(newUserFaces("Edmund_Stoiber"), ADMIN_KEY, List.of(
        Part.file("images", photo("users/Edmund_Stoiber/1.jpg")),
        Part.file("images", photo("users/Edmund_Stoiber/2.jpg"))));
    assertThat(first.status()).isEqualTo(201);
    Answer duplicate = api.postMultipart(newUserFaces("Edmund-again"), ADMIN_KEY,
        List.of(Part.file("images", photo("test/known_faces/Edmund_Stoiber_1.jpg"))));
    assertProblem(duplicate, 409, "DUPLICATE_FACE");
    assertThat(duplicate.json().get("detail").asText()).as("names the override").contains("allowDuplicate=true");
  }

  @Test
  void aUserCreatedButNeverEnrolledIsVerifiedLikeAnUnknownIdNotAsAMissingModel() {
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "no-face-yet")).status()).isEqualTo(201);

    Answer answer = verify("no-face-yet", Part.file("image", photo("test/known_faces/Bill_Frist_1.jpg")));

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.json().get("outcome").asText()).isEqualTo("no_match");
    assertThat(answer.text()).doesNotContain("fr_feature").doesNotContain("NO_TEMPLATES_FOR_MODEL");
  }

  @Test
  void aContentTypeARouteDoesNotTakeIsUnsupportedMediaType() {
    Answer answer = api.post("/api/v1/users", ADMIN_KEY, "text/plain", "userId=alice".getBytes());
    assertProblem(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    assertThat(answer.json().get("detail").asText()).contains("application/json");
  }

  @Test
  void aBase64ImageIsCheckedLikeAnUpload() {
    String text = java.util.Base64.getEncoder().encodeToString("GIF89a, not supported".getBytes());
    assertProblem(api.postJson("/api/v1/faces/detect", appKey, Map.of("image", text)), 415,
        "IMAGE_UNSUPPORTED_FORMAT");
    assertThat(api.postJson("/api/v1/faces/detect", appKey,
        Map.of("image", Api.base64(photo("test/known_faces/Ann_Veneman_1.jpg")))).status()).isEqualTo(200);
  }
}
