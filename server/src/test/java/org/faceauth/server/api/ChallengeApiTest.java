package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** The active challenge over HTTP: a nonce and an instruction, answered by a burst of frames; replays refused. */
class ChallengeApiTest extends ServerTest {
  private JsonNode challenge(String instruction) {
    for (int i = 0; i < 100; i++) {
      JsonNode c = api.postJson("/api/v1/auth/challenge", appKey, Map.of()).json();
      if (c.get("instruction").asText().equals(instruction)) {
        return c;
      }
    }
    throw new AssertionError("never asked " + instruction);
  }

  @Test
  void aBurstFollowingTheInstructionLogsInAndItsNonceCannotBeReplayed() {
    Answer enrolled = api.postMultipart("/api/v1/users/bill-challenge/faces?allowDuplicate=true", ADMIN_KEY, List.of(
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
  }
}
