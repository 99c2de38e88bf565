package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.faceauth.core.evaluation.ClaimEvaluation;
import org.faceauth.core.evaluation.DatasetHalf;
import org.faceauth.core.evaluation.FaceDataset;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI-side test on faces-dev's check half (people the threshold was not fitted on, see {@link DatasetHalf}): FRR
 * ≤ 2% at FAR ≤ 0.1% with the default strategy, and its report.
 */
class EvaluateCommandTest {
  @TempDir Path folder;

  @Test
  void facesDevMeetsTheAccuracyTargetAndTheReportHasItsCurvesAndErrors() throws Exception {
    Path dataset = TestData.dataDir();
    long filesBefore = count(dataset);
    Path report = folder.resolve("report");

    CliRun run = CliRun.of("evaluate", "--half", "check", "--report", report.toString(), dataset.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = run.json().get(0);
    assertThat(result.get("far").asDouble()).isLessThanOrEqualTo(0.001);
    assertThat(result.get("frr").asDouble()).isLessThanOrEqualTo(0.02);
    assertThat(result.get("identifyTop1").asDouble()).isGreaterThanOrEqualTo(0.97);
    assertThat(result.get("failureToEnroll").asInt()).isZero();
    assertThat(result.get("half").asText()).isEqualTo("check");
    assertThat(result.get("enrolledUsers").asInt())
        .isEqualTo(FaceDataset.read(dataset).half(DatasetHalf.CHECK).enrollment().size());
    assertThat(result.get("impostorClaims").asLong()).isGreaterThan(20_000);
    assertThat(report.resolve("roc.png")).isNotEmptyFile();
    assertThat(report.resolve("det.png")).isNotEmptyFile();
    String html = Files.readString(report.resolve("report.html"));
    assertThat(html).contains("roc.png", "det.png", "Hardest genuines", "Closest impostors");
    long markedFalseAccepts = html.split("· <span class=\"error\">false accept</span>", -1).length - 1;
    assertThat(markedFalseAccepts).as("closest impostors marked as false accepts")
        .isEqualTo(Math.min(ClaimEvaluation.WORST, result.get("falseAccepts").asInt()));
    BufferedImage crop = ImageIO.read(report.resolve("thumbnails/fr1-probe.jpg").toFile());
    assertThat(crop.getWidth()).as("thumbnails are the aligned crops the model saw").isEqualTo(112);
    assertThat(crop.getHeight()).isEqualTo(112);
    assertThat(run.err()).as("a progress bar for every phase")
        .contains("Enrolling", "Embedding probes", "Scoring claims", "Writing report");
    assertThat(count(dataset)).isEqualTo(filesBefore);
  }

  @Test
  void aReportInsideTheDatasetIsRefusedBecauseTheDatasetIsOnlyRead() {
    Path dataset = TestData.dataDir();
    CliRun run = CliRun.of("evaluate", "--report",
        dataset.resolve("report").toString(), dataset.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("only read");
  }

  private static long count(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.count();
    }
  }
}
