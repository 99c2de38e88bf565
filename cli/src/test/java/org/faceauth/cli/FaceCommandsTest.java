package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faceauth.core.image.ImageDecoder;
import org.faceauth.core.image.ImageLimits;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripted contract of detect, crop and compare: JSON on stdout, exit 0, files written. */
class FaceCommandsTest {

  @Test
  void detect_printsOneJsonLinePerImageWithBoxScoreAndFiveLandmarks(@TempDir Path tmp) {
    Path photo = TestData.raw("users/Barack_Obama/1.jpg");
    Path group = TestData.raw("test/group/dlib_2007_007763.jpg");
    Path annotated = tmp.resolve("annotated.png");
    CliRun run = CliRun.of("detect", "--detector", "mtcnn", "--annotate", annotated.toString(),
        photo.toString(), group.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = run.json();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("image").asText()).isEqualTo(photo.toString());
    JsonNode face = lines.get(0).get("faces").get(0);
    assertThat(face.get("box")).hasSize(4);
    assertThat(face.get("score").asDouble()).isBetween(0.9, 1.0);
    assertThat(face.get("landmarks")).hasSize(5);
    assertThat(face.get("landmarks").get(0)).hasSize(2);
    assertThat(lines.get(1).get("faces")).hasSize(7);
    assertThat(annotated).exists();
    assertThat(tmp.resolve("annotated-2.png")).exists();
  }

  @Test
  void crop_writesTheAligned112PixelFace(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("face.jpg");
    CliRun run = CliRun.of("crop", TestData.raw("users/Angelina_Jolie/1.jpg").toString(), "-o",
        out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    try (var image = new ImageDecoder(ImageLimits.DEFAULT).decode(Files.readAllBytes(out))) {
      assertThat(image.width()).isEqualTo(112);
      assertThat(image.height()).isEqualTo(112);
    }
  }

  @Test
  void compare_acceptsTheSamePersonAndRefusesAnother() {
    String enrolled = TestData.raw("users/Barack_Obama/1.jpg").toString();
    JsonNode same = single(CliRun.of("compare", enrolled,
        TestData.raw("test/known_faces/Barack_Obama_1.jpg").toString()));
    JsonNode other = single(CliRun.of("compare", enrolled,
        TestData.raw("users/Angelina_Jolie/2.jpg").toString()));
    assertThat(same.get("match").asBoolean()).isTrue();
    assertThat(same.get("score").asDouble()).isGreaterThan(same.get("threshold").asDouble());
    assertThat(other.get("match").asBoolean()).isFalse();
    assertThat(same.get("model").asText()).isEqualTo("fr_feature");
    assertThat(same.get("enrollDetector").asText()).isEqualTo("mtcnn");
    assertThat(same.get("verifyDetector").asText()).isEqualTo("yunet");
  }

  @Test
  void compare_honoursTheDetectorAndModelOptions() {
    JsonNode result = single(CliRun.of("compare", "--enroll-detector", "haar",
        "--verify-detector", "blazeface", "--model", "mobilefacenet",
        TestData.raw("users/Barack_Obama/1.jpg").toString(),
        TestData.raw("test/known_faces/Barack_Obama_2.jpg").toString()));
    assertThat(result.get("model").asText()).isEqualTo("mobilefacenet");
    assertThat(result.get("enrollDetector").asText()).isEqualTo("haar");
    assertThat(result.get("verifyDetector").asText()).isEqualTo("blazeface");
    assertThat(result.get("match").asBoolean()).isTrue();
  }

  private static JsonNode single(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json()).hasSize(1);
    return run.json().get(0);
  }
}
