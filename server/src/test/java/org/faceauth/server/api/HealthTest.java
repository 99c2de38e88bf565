package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.faceauth.store.FaceAuthSystem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/** {@code /api/v1/health}: every model the configuration needs, and DOWN with a reason when the store cannot write. */
@DirtiesContext
class HealthTest extends ServerTest {
  @Autowired FaceAuthSystem system;

  @Test
  void health_listsEveryModelTheDefaultConfigurationNeedsAndSaysTheStoreIsWritable() {
    Answer health = api.get("/api/v1/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(health.json().get("storage").asText()).isEqualTo("writable");
    assertThat(health.json().get("reasons")).isEmpty();
    assertThat(health.json().get("models").fieldNames()).toIterable().containsExactly(
        "mtcnn/pnet.onnx", "mtcnn/rnet.onnx", "mtcnn/onet.onnx", "yunet/face_detection_yunet_2023mar.onnx",
        "faceplugin/fr_feature.onnx", "antispoof/2.7_80x80_MiniFASNetV2.onnx",
        "antispoof/4_0_0_80x80_MiniFASNetV1SE.onnx");
    assertThat(health.json().get("models").elements()).toIterable()
        .allMatch(status -> status.asText().equals("verified"));
  }

  @Test
  void health_isDownWithTheReasonWhileTheDataDirectoryIsGoneAndUpWhenItIsBack() throws Exception {
    Path data = system.settings().dataDirectory();
    Path away = data.resolveSibling(data.getFileName() + "-away");
    Files.move(data, away);
    try {
      Answer down = api.get("/api/v1/health", null);
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
      assertThat(down.json().get("storage").asText()).isEqualTo("not writable");
      assertThat(down.json().get("reasons")).extracting(r -> r.asText())
          .containsExactly("the data directory is not writable");
      assertThat(down.text()).doesNotContain(data.toString());
    } finally {
      Files.move(away, data);
    }
    assertThat(api.get("/api/v1/health", null).status()).isEqualTo(200);
  }
}
