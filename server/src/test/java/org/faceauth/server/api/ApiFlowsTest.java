package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** The API end to end over HTTP on real photos: enroll, verify (with a login token), identify, detect, crop, erase. */
@FreshServer
class ApiFlowsTest extends ServerTest {
  @Test
  void aPersonIsCreatedEnrolledVerifiedIdentifiedAndErased() throws Exception {
    assertThat(api.get("/api/v1/users?page=0&size=100", ADMIN_KEY).json().get("items"))
        .as("a server of this class's own: no user enrolled by another class")
        .extracting(u -> u.get("userId").asText()).isSubsetOf("apfol");
    Answer created = api.postJson("/api/v1/users", ADMIN_KEY,
        Map.of("userId", "Bill_Frist", "displayName", "Bill", "email", "bill@example.org", "consent", true));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/users/Bill_Frist");
    assertThat(created.json().get("templates").asInt()).isZero();

    Answer enrolled = api.postMultipart("/api/v1/users/Bill_Frist/faces", ADMIN_KEY, List.of(
        Part.file("images", photo("users/Bill_Frist/1.jpg")),
        Part.file("images", photo("users/Bill_Frist/2.jpg")),
        Part.file("images", photo("users/Bill_Frist/3.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
    assertThat(enrolled.json().get("templatesAdded").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(enrolled.json().get("images")).hasSize(3);

    Answer genuine = api.postMultipart("/api/v1/auth/verify", appKey, List.of(
        Part.field("userId", "Bill_Frist"), Part.file("image", photo("test/known_faces/Bill_Frist_1.jpg"))));
    assertThat(genuine.status()).isEqualTo(200);
    JsonNode match = genuine.json();
    assertThat(match.get("match").asBoolean()).isTrue();
    assertThat(match.get("score").asDouble()).isGreaterThan(match.get("threshold").asDouble());
    assertThat(match.get("liveness").get("live").asBoolean()).isTrue();
    assertThat(match.get("liveness").get("checks").get(0).asText()).isEqualTo("passive:minifasnet");
    SignedJWT token = SignedJWT.parse(match.get("token").asText());
    JWKSet jwks = JWKSet.parse(api.get("/api/v1/auth/jwks.json", null).text());
    assertThat(token.verify(new ECDSAVerifier((ECKey) jwks.getKeys().get(0)))).isTrue();
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("Bill_Frist");
    assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("faceauth-apps");
    assertThat(token.getJWTClaimsSet().getExpirationTime()).isAfter(token.getJWTClaimsSet().getIssueTime());

    Answer impostor = api.postJson("/api/v1/auth/verify", appKey, Map.of(
        "userId", "Bill_Frist", "image", org.faceauth.server.testing.Api.base64(
            photo("test/known_faces/Ann_Veneman_1.jpg"))));
    assertThat(impostor.status()).isEqualTo(200);
    assertThat(impostor.json().get("match").asBoolean()).isFalse();
    assertThat(impostor.json().has("token")).isFalse();

    Answer who = api.postMultipart("/api/v1/auth/identify", appKey,
        List.of(Part.file("image", photo("test/known_faces/Bill_Frist_2.jpg"))));
    assertThat(who.json().get("userId").asText()).isEqualTo("Bill_Frist");
    Answer stranger = api.postMultipart("/api/v1/auth/identify", appKey,
        List.of(Part.file("image", photo("test/known_faces/Ann_Veneman_1.jpg"))));
    assertThat(stranger.json().get("userId").asText()).isEqualTo("unknown");

    assertThat(api.get("/api/v1/users/Bill_Frist", ADMIN_KEY).json().get("email").asText())
        .isEqualTo("bill@example.org");
    assertThat(api.get("/api/v1/users?page=0&size=100", ADMIN_KEY).text()).contains("Bill_Frist");

    assertThat(api.delete("/api/v1/users/Bill_Frist", ADMIN_KEY).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/users/Bill_Frist", ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/users/Bill_Frist", ADMIN_KEY).status()).isEqualTo(404);
  }

  @Test
  void aReplayOnAPhoneOfTheEnrolledPersonIsASpoofNotAMatch() {
    Answer enrolled = api.postMultipart(newUserFaces("apfol"), ADMIN_KEY, List.of(
        Part.file("images", photo("test/spoof/live/apfol_real2_01.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_02.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_03.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);

    Answer live = api.postMultipart("/api/v1/auth/verify", appKey, List.of(
        Part.field("userId", "apfol"), Part.file("image", photo("test/spoof/live/apfol_real2_07.jpg"))));
    assertThat(live.json().get("match").asBoolean()).isTrue();

    Answer replay = api.postMultipart("/api/v1/auth/verify", appKey, List.of(
        Part.field("userId", "apfol"), Part.file("image", photo("test/spoof/replay/apfol_fake2_04.jpg"))));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("match").asBoolean()).isFalse();
    assertThat(replay.json().get("outcome").asText()).isEqualTo("spoof");
    assertThat(replay.json().get("liveness").get("live").asBoolean()).isFalse();
    assertThat(replay.json().has("token")).isFalse();
  }

  @Test
  void detectionListsEveryFaceWithQualityAndCropReturnsTheAlignedFace() {
    Answer group = api.postMultipart("/api/v1/faces/detect", appKey,
        List.of(Part.file("image", photo("test/group/fr_obama_and_biden.jpg"))));
    assertThat(group.status()).isEqualTo(200);
    assertThat(group.json().get("faces").size()).isGreaterThanOrEqualTo(2);
    JsonNode face = group.json().get("faces").get(0);
    assertThat(face.get("landmarks")).hasSize(5);
    assertThat(face.get("quality").get("issues").isArray()).isTrue();

    Answer none = api.postMultipart("/api/v1/faces/detect", appKey,
        List.of(Part.file("image", org.faceauth.core.testing.TestData.images("test/no_face").get(0))));
    assertThat(none.json().get("faces")).isEmpty();

    Answer crop = api.postJson("/api/v1/faces/crop", appKey,
        Map.of("image", org.faceauth.server.testing.Api.base64(photo("test/known_faces/Ann_Veneman_1.jpg"))));
    assertThat(crop.status()).isEqualTo(200);
    assertThat(crop.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(crop.body()[0]).isEqualTo((byte) 0xFF);
  }

  @Test
  void healthMetricsAndTheApiDocumentAnswerWithoutAKey() {
    Answer health = api.get("/api/v1/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(health.json().get("models").toString()).contains("verified");
    assertThat(api.get("/v3/api-docs", null).text()).contains("/api/v1/auth/verify", "/api/v1/users/{id}/faces");
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    api.postMultipart("/api/v1/auth/identify", appKey,
        List.of(Part.file("image", photo("test/known_faces/Ann_Veneman_1.jpg"))));
    assertThat(api.get("/api/v1/users", null).status()).isEqualTo(401);
    assertThat(api.get("/actuator/prometheus", ADMIN_KEY).text()).contains(
        "faceauth_problems_total{application=\"faceauth\",code=\"UNAUTHORIZED\",status=\"401\"}",
        "faceauth_stage_seconds_count{application=\"faceauth\",flow=\"identify\",stage=\"embed\"}",
        "faceauth_decisions_total{application=\"faceauth\",flow=\"identify\"");
  }
}
