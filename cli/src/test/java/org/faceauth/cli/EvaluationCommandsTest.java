package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pairs, bench and models report what they measure in the documented JSON shape. */
class EvaluationCommandsTest {

  @Test
  void pairs_summarisesAccuracyAndWritesPerPairScores(@TempDir Path tmp) throws IOException {
    Path source = TestData.dataDir().resolve("pairs.csv");
    List<String> lines = Files.readAllLines(source);
    List<String> subset = new ArrayList<>();
    subset.add(lines.get(0));
    for (int i = 1; i < lines.size(); i += 15) {
      String[] f = lines.get(i).split(",");
      subset.add(source.resolveSibling(f[0]) + "," + source.resolveSibling(f[1]) + "," + f[2]);
    }
    Path csv = Files.write(tmp.resolve("pairs.csv"), subset);
    Path scores = tmp.resolve("scores.csv");
    CliRun run = CliRun.of("pairs", "--out", scores.toString(), csv.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = run.json().get(0);
    assertThat(summary.get("pairs").asInt()).isEqualTo(subset.size() - 1);
    assertThat(summary.get("accuracy").asDouble()).isGreaterThan(0.9);
    for (String field : List.of("threshold", "tarAtFar1e3", "eer", "failuresToAcquire")) {
      assertThat(summary.has(field)).as(field).isTrue();
    }
    assertThat(Files.readAllLines(scores)).hasSize(subset.size()).first().isEqualTo("img_a,img_b,same,score,match");
  }

  @Test
  void pairs_rejectsAMalformedCsv(@TempDir Path tmp) throws IOException {
    Path csv = Files.writeString(tmp.resolve("bad.csv"), "img_a,img_b,same\na.jpg,b.jpg,maybe\n");
    CliRun run = CliRun.of("pairs", csv.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("line 2");
  }

  @Test
  void bench_reportsEveryStageAndThroughput() {
    CliRun run = CliRun.of("bench", "--detector", "blazeface", "--limit", "15",
        TestData.raw("users").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = run.json().get(0);
    assertThat(report.get("images").asInt()).isEqualTo(15);
    for (String stage : List.of("decode", "detect", "landmarks", "align", "embed", "liveness", "total")) {
      assertThat(report.get("stagesMs").get(stage).has("p50")).as(stage).isTrue();
      assertThat(report.get("stagesMs").get(stage).has("p95")).as(stage).isTrue();
    }
    assertThat(report.get("stagesMs").get("total").get("p50").asDouble()).isPositive();
    assertThat(report.get("imagesPerSecond").get("allCores").asDouble()).isPositive();
    assertThat(report.get("imagesPerSecond").get("allCoresOverOneThread").asDouble()).isPositive();
    assertThat(report.get("inferenceMsPerImage").asDouble()).isPositive();
  }

  @Test
  void bench_leavesOutTheLandmarkStageOfADetectorThatFindsLandmarksWithTheBoxes() {
    CliRun run = CliRun.of("bench", "--detector", "yunet", "--limit", "3", TestData.raw("users").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode stages = run.json().get(0).get("stagesMs");
    assertThat(stages.fieldNames()).toIterable()
        .containsExactly("decode", "detect", "align", "embed", "liveness", "total");
  }

  @Test
  void bench_withoutLiveness_timesThePipelineAlone() {
    CliRun run = CliRun.of("bench", "--no-liveness", "--limit", "3", TestData.raw("users").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = run.json().get(0);
    assertThat(report.get("liveness").asBoolean()).isFalse();
    assertThat(report.get("stagesMs").fieldNames()).toIterable().doesNotContain("liveness");
  }

  @Test
  void benchIndex_reportsLatencyAgreementAndMemoryOnOneLinePerSize() {
    CliRun run = CliRun.of(
        "bench-index", "--templates", "30000,25000", "--dimensions", "64", "--searches", "40");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = run.json();
    assertThat(lines).extracting(line -> line.get("templates").asInt()).containsExactly(25000, 30000);
    JsonNode report = lines.get(1);
    assertThat(report.get("searchMs").get("p95").asDouble()).isPositive();
    assertThat(report.get("exactSearchMs").get("p95").asDouble()).isPositive();
    assertThat(report.get("top1Agreement").get("probes").asInt()).isEqualTo(40);
    assertThat(report.get("top1Agreement").get("share").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(report.get("chanceProbeAgreement").get("probes").asInt()).isEqualTo(100);
    assertThat(report.get("bytesPerTemplate").get("layout").asInt()).isEqualTo(4 * 64 + 64 / 8 + 4);
  }

  @Test
  void models_listsEveryBundledModelAsVerifiedAndWhichTheDefaultsNeed() {
    CliRun run = CliRun.of("models");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = run.json();
    assertThat(lines).hasSize(10);
    assertThat(lines).allMatch(l -> l.get("status").asText().equals("verified")
        && l.get("location").asText().equals("bundled"));
    assertThat(lines).anyMatch(l -> l.get("model").asText().equals("faceplugin/fr_feature.onnx")
        && l.get("required").asBoolean());
    assertThat(lines).anyMatch(l -> l.get("model").asText().equals("mobilefacenet/MobileFaceNet.onnx")
        && !l.get("required").asBoolean());
  }

  @Test
  void models_exitsWithTheModelCodeWhenTheOverrideFolderDoesNotExist(@TempDir Path parent) throws Exception {
    CliRun run = CliRun.of("models", "--models", parent.resolve("nope").toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_MODEL);
    assertThat(run.err()).contains("nope").contains("does not exist");
  }

  @Test
  void models_exitsWithTheModelCodeWhileARequiredFileIsCorrupt(@TempDir Path overrides) throws Exception {
    Path yunet = overrides.resolve("yunet/face_detection_yunet_2023mar.onnx");
    Files.createDirectories(yunet.getParent());
    Files.writeString(yunet, "not a model");
    CliRun run = CliRun.of("models", "--models", overrides.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_MODEL);
    assertThat(run.err()).contains("yunet/face_detection_yunet_2023mar.onnx").contains("wrong sha256");
    assertThat(run.json()).anyMatch(l -> l.get("model").asText().equals("yunet/face_detection_yunet_2023mar.onnx")
        && l.get("status").asText().equals("wrong_checksum"));
    assertThat(run.json()).anyMatch(l -> l.get("model").asText().equals("mtcnn/pnet.onnx")
        && l.get("location").asText().equals("bundled"));
  }
}
