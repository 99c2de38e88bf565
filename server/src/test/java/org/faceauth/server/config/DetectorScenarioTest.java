package org.faceauth.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Scenario 1 as a deployment setting: a server configured with MTCNN for both flows (as
 * {@code FACEAUTH_ENGINE_VERIFY_DETECTOR=mtcnn} would) verifies with MTCNN, which its model metrics prove, and never
 * loads YuNet.
 */
@FreshServer
@TestPropertySource(properties = {"faceauth.engine.enroll-detector=mtcnn", "faceauth.engine.verify-detector=mtcnn"})
class DetectorScenarioTest extends ServerTest {
  private static final String MTCNN_ONET = "mtcnn/onet.onnx";

  @Test
  void aServerInScenarioOneVerifiesWithMtcnn() {
    Answer enrolled = api.postMultipart(newUserFaces("Bill_Frist"), ADMIN_KEY, List.of(
        Part.file("images", photo("users/Bill_Frist/1.jpg")), Part.file("images", photo("users/Bill_Frist/2.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
    Map<String, Double> before = inferences();

    Answer verified = api.postMultipart("/api/v1/auth/verify", appKey, List.of(
        Part.field("userId", "Bill_Frist"), Part.file("image", photo("test/known_faces/Bill_Frist_1.jpg"))));

    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("match").asBoolean()).isTrue();
    Map<String, Double> after = inferences();
    assertThat(after.get(MTCNN_ONET)).as("O-Net ran for the login photo").isGreaterThan(before.get(MTCNN_ONET));
    assertThat(after.keySet()).as("models loaded").contains("mtcnn/pnet.onnx", "faceplugin/fr_feature.onnx")
        .noneMatch(model -> model.startsWith("yunet/"));
  }

  @Test
  void healthListsTheModelsOfTheConfiguredScenario() {
    Answer health = api.get("/api/v1/health", null);
    assertThat(health.json().get("models").fieldNames()).toIterable()
        .contains("mtcnn/pnet.onnx").noneMatch(model -> model.startsWith("yunet/"));
  }

  /** {@code faceauth_model_inferences_total} per model, from the Prometheus text. */
  private Map<String, Double> inferences() {
    Answer metrics = api.get("/actuator/prometheus", ADMIN_KEY);
    assertThat(metrics.status()).isEqualTo(200);
    Matcher line = Pattern.compile("^faceauth_model_inferences_total\\{.*?model=\"([^\"]+)\".*?} (\\S+)$",
        Pattern.MULTILINE).matcher(metrics.text());
    Map<String, Double> counts = new TreeMap<>();
    while (line.find()) {
      counts.put(line.group(1), Double.parseDouble(line.group(2)));
    }
    assertThat(counts).as("model inference counters in the metrics").isNotEmpty();
    return counts;
  }
}
