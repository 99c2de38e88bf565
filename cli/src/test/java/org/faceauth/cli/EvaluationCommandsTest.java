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
  private static final String MODELS = TestData.modelsDir().toString();

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
    CliRun run = CliRun.of("pairs", "--models", MODELS, "--out", scores.toString(), csv.toString());
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
    CliRun run = CliRun.of("pairs", "--models", MODELS, csv.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("line 2");
  }

  @Test
  void bench_reportsEveryStageAndThroughput() {
    CliRun run = CliRun.of("bench", "--models", MODELS, "--limit", "15",
        TestData.raw("users").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = run.json().get(0);
    assertThat(report.get("images").asInt()).isEqualTo(15);
    for (String stage : List.of("decode", "detect", "landmarks", "align", "embed", "total")) {
      assertThat(report.get("stagesMs").get(stage).has("p50")).as(stage).isTrue();
      assertThat(report.get("stagesMs").get(stage).has("p95")).as(stage).isTrue();
    }
    assertThat(report.get("stagesMs").get("total").get("p50").asDouble()).isPositive();
    assertThat(report.get("imagesPerSecond").get("allCores").asDouble()).isPositive();
    assertThat(report.get("onnxRuntimeMsPerImage").asDouble()).isPositive();
  }

  @Test
  void models_listsEveryModelAsVerifiedWithItsSource() {
    CliRun run = CliRun.of("models", "--models", MODELS);
    assertThat(run.exitCode()).isZero();
    List<JsonNode> lines = run.json();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
    assertThat(lines.stream().filter(l -> l.get("model").asText().endsWith(".onnx")))
        .allMatch(l -> l.get("status").asText().equals("verified"));
    assertThat(lines).anyMatch(l -> l.get("model").asText().equals("faceplugin/fr_feature.onnx")
        && l.get("installable").asBoolean());
  }

  @Test
  void models_reportsMissingFilesInAnEmptyFolder(@TempDir Path empty) {
    CliRun run = CliRun.of("models", "--models", empty.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> onnx = run.json().stream().filter(l -> l.get("model").asText().endsWith(".onnx")).toList();
    assertThat(onnx).isNotEmpty().allMatch(l -> l.get("status").asText().equals("missing"));
  }
}
