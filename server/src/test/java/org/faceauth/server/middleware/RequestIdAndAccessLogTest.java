package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every request has an id (the client's or a new one) and one access log line, a JSON object whose fields are the
 * request's facts, without any image data.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdAndAccessLogTest extends ServerTest {
  @Test
  void theClientsRequestIdIsEchoedAndLogged(CapturedOutput output) throws Exception {
    Answer answer = api.postMultipart("/api/v1/faces/detect", appKey,
        List.of(Part.file("image", photo("test/known_faces/Ann_Veneman_1.jpg"))), "X-Request-Id", "trace-42.a");
    assertThat(answer.header("X-Request-Id")).isEqualTo("trace-42.a");

    String line = output.getOut().lines()
        .filter(l -> l.contains("faceauth.access") && l.contains("trace-42.a"))
        .findFirst().orElseThrow();
    JsonNode entry = new ObjectMapper().readTree(line);
    assertThat(entry.get("log").get("logger").asText()).isEqualTo("faceauth.access");
    assertThat(entry.get("requestId").asText()).isEqualTo("trace-42.a");
    assertThat(entry.get("method").asText()).isEqualTo("POST");
    assertThat(entry.get("path").asText()).isEqualTo("/api/v1/faces/detect");
    assertThat(entry.get("status").asInt()).isEqualTo(200);
    assertThat(entry.get("durationMs").asDouble()).isPositive();
    assertThat(entry.get("keyId").asText()).isEqualTo(keys.authenticate(appKey).orElseThrow().id());
    assertThat(line).doesNotContain(appKey).hasSizeLessThan(1000);
  }

  @Test
  void aMissingOrMalformedIdIsReplacedByANewOneThatProblemsCarry() {
    Answer none = api.get("/api/v1/users", null);
    assertThat(none.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(none.json().get("requestId").asText()).isEqualTo(none.header("X-Request-Id"));

    Answer injected = api.get("/api/v1/users", null, "X-Request-Id", "bad id\"with quotes");
    assertThat(injected.header("X-Request-Id")).matches("[0-9a-f-]{36}");
  }
}
