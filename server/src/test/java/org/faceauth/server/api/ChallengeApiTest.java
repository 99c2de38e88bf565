package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The active challenge over HTTP: a nonce and an instruction, answered by a burst of frames; replays refused. */
@FreshServer
class ChallengeApiTest extends ServerTest {
  private JsonNode challenge(String instruction) {
    return challenge(instruction, "bill-challenge", appKey);
  }

  private JsonNode challenge(String instruction, String userId, String key) {
    for (int i = 0; i < 100; i++) {
      JsonNode c = api.postJson("/api/v1/auth/challenge", key, Map.of("userId", userId)).json();
      if (c.get("instruction").asText().equals(instruction)) {
        return c;
      }
    }
    throw new AssertionError("never asked " + instruction);
  }

  @Test
  void aBurstFollowingTheInstructionLogsInAndItsNonceCannotBeReplayed() {
    Answer enrolled = api.postMultipart(newUserFaces("bill-challenge") + "&allowDuplicate=true", ADMIN_KEY, List.of(
        Part.file("images", photo("users/Bill_Frist/1.jpg")), Part.file("images", photo("users/Bill_Frist/3.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);

    JsonNode challenge = challenge("turn_right");
    assertThat(challenge.get("prompt").asText()).contains("right");
    assertThat(challenge.get("expiresAt").asText()).isNotBlank();
    List<Part> burst = List.of(
        Part.field("userId", "bill-challenge"), Part.field("nonce", challenge.get("nonce").asText()),
        Part.file("frames", photo("test/known_faces/Bill_Frist_1.jpg")),
        Part.file("frames", photo("users/Bill_Frist/2.jpg")));

    Answer passed = api.postMultipart("/api/v1/auth/verify", appKey, burst);
    assertThat(passed.status()).as(passed.text()).isEqualTo(200);
    assertThat(passed.json().get("match").asBoolean()).isTrue();
    assertThat(passed.json().get("liveness").get("checks").toString()).contains("challenge:turn_right");
    assertThat(passed.json().get("token").asText()).isNotBlank();

    Answer replay = api.postMultipart("/api/v1/auth/verify", appKey, burst);
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.json().get("code").asText()).isEqualTo("CHALLENGE_UNKNOWN");

    JsonNode left = challenge("turn_left");
    Answer wrongWay = api.postJson("/api/v1/auth/verify", appKey, Map.of(
        "userId", "bill-challenge", "nonce", left.get("nonce").asText(),
        "frames", List.of(Api.base64(photo("test/known_faces/Bill_Frist_1.jpg")),
            Api.base64(photo("users/Bill_Frist/2.jpg")))));
    assertThat(wrongWay.status()).isEqualTo(200);
    assertThat(wrongWay.json().get("outcome").asText()).isEqualTo("challenge_failed");
    assertThat(wrongWay.json().get("match").asBoolean()).isFalse();
    assertThat(wrongWay.json().get("score").isNull()).as("no hint how close it came").isTrue();
    assertThat(wrongWay.json().get("threshold").isNull()).isTrue();
    assertThat(wrongWay.json().get("liveness").get("score").isNull()).isTrue();
    assertThat(wrongWay.json().get("liveness").get("threshold").isNull()).isTrue();
  }

  @Test
  void aChallengeNamesItsUserAndOnlyTheKeyThatAskedMayAnswerItForThatUser() {
    Answer enrolled = api.postMultipart(newUserFaces("bill-bound") + "&allowDuplicate=true", ADMIN_KEY, List.of(
        Part.file("images", photo("users/Bill_Frist/1.jpg")), Part.file("images", photo("users/Bill_Frist/3.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
    Answer unnamed = api.postJson("/api/v1/auth/challenge", appKey, Map.of());
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(unnamed.json().get("code").asText()).isEqualTo("BAD_REQUEST");

    JsonNode forSomeoneElse = challenge("turn_right", "mallory", appKey);
    Answer otherUser = api.postMultipart("/api/v1/auth/verify", appKey, burst("bill-bound", forSomeoneElse));
    assertThat(otherUser.status()).as(otherUser.text()).isEqualTo(409);
    assertThat(otherUser.json().get("code").asText()).isEqualTo("CHALLENGE_UNKNOWN");

    String otherApp = keys.create("other-app", org.faceauth.store.keys.ApiKeyRole.APP).secret();
    JsonNode askedByOtherApp = challenge("turn_right", "bill-bound", otherApp);
    Answer otherKey = api.postMultipart("/api/v1/auth/verify", appKey, burst("bill-bound", askedByOtherApp));
    assertThat(otherKey.status()).as(otherKey.text()).isEqualTo(409);
    assertThat(otherKey.json().get("code").asText()).isEqualTo("CHALLENGE_UNKNOWN");

    JsonNode own = challenge("turn_right", "bill-bound", appKey);
    Answer passed = api.postMultipart("/api/v1/auth/verify", appKey, burst("bill-bound", own));
    assertThat(passed.status()).as(passed.text()).isEqualTo(200);
    assertThat(passed.json().get("match").asBoolean()).isTrue();
  }

  @Test
  void aPhotoAndItsMirrorImageDoNotPassForATurnInEitherDirection() throws Exception {
    Answer enrolled = api.postMultipart(newUserFaces("obama-mirror") + "&allowDuplicate=true", ADMIN_KEY, List.of(
        Part.file("images", photo("users/Barack_Obama/1.jpg")), Part.file("images", photo("users/Barack_Obama/2.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
    Path still = photo("test/known_faces/Barack_Obama_1.jpg");
    Part original = Part.file("frames", still);
    Part mirror = Part.bytes("frames", "mirror.jpg", mirrored(still));

    for (String instruction : List.of("turn_left", "turn_right")) {
      for (List<Part> frames : List.of(List.of(original, mirror, original), List.of(mirror, original, mirror))) {
        JsonNode challenge = challenge(instruction, "obama-mirror", appKey);
        List<Part> burst = new ArrayList<>(List.of(
            Part.field("userId", "obama-mirror"), Part.field("nonce", challenge.get("nonce").asText())));
        burst.addAll(frames);
        Answer refused = api.postMultipart("/api/v1/auth/verify", appKey, burst);
        assertThat(refused.status()).as(refused.text()).isEqualTo(200);
        assertThat(refused.json().get("outcome").asText()).as(instruction).isEqualTo("challenge_failed");
        assertThat(refused.json().get("match").asBoolean()).isFalse();
        assertThat(refused.json().get("score").isNull()).isTrue();
        assertThat(refused.json().has("token")).isFalse();
      }
    }
  }

  /** The photo flipped left to right, saved as a JPEG by the JDK (quality 0.75), as the red team's tool does. */
  private static byte[] mirrored(Path file) throws IOException {
    BufferedImage in = ImageIO.read(file.toFile());
    BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < in.getHeight(); y++) {
      for (int x = 0; x < in.getWidth(); x++) {
        out.setRGB(in.getWidth() - 1 - x, y, in.getRGB(x, y));
      }
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(out, "jpg", jpeg);
    return jpeg.toByteArray();
  }

  private static List<Part> burst(String userId, JsonNode challenge) {
    return List.of(
        Part.field("userId", userId), Part.field("nonce", challenge.get("nonce").asText()),
        Part.file("frames", photo("test/known_faces/Bill_Frist_1.jpg")),
        Part.file("frames", photo("users/Bill_Frist/2.jpg")));
  }
}
