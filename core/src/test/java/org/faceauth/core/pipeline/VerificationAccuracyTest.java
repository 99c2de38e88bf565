package org.faceauth.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.evaluation.BatchEmbedder;
import org.faceauth.core.evaluation.ScoredPair;
import org.faceauth.core.evaluation.VerificationMetrics;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The default strategy (MTCNN enrolls image A, YuNet verifies image B, fr_feature embeds) on the 600 LFW pairs of
 * faces-dev reaches the LFW-protocol accuracy floor of 99.0%, and the calibrated threshold keeps impostors out.
 */
class VerificationAccuracyTest {
  @Test
  void defaultStrategyReaches99PercentOnLfwPairs() throws IOException {
    Path csv = TestData.dataDir().resolve("pairs.csv");
    List<String[]> rows = Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
    FaceEngine engine = TestData.engine();
    BatchEmbedder batch = new BatchEmbedder(Runtime.getRuntime().availableProcessors());
    List<String> failures = new ArrayList<>();
    Map<Path, Optional<Embedding>> a = batch.embed(engine.pipeline(engine.config().strategy().enroll(), engine.config().embeddingModel(), false),
        rows.stream().map(r -> csv.resolveSibling(r[0])).toList(), (p, why) -> failures.add(p + " " + why));
    Map<Path, Optional<Embedding>> b = batch.embed(engine.verificationPipeline(),
        rows.stream().map(r -> csv.resolveSibling(r[1])).toList(), (p, why) -> failures.add(p + " " + why));
    List<ScoredPair> scored = new ArrayList<>();
    for (String[] r : rows) {
      Optional<Embedding> ea = a.get(csv.resolveSibling(r[0]));
      Optional<Embedding> eb = b.get(csv.resolveSibling(r[1]));
      double score = ea.isPresent() && eb.isPresent() ? ea.get().cosine(eb.get()) : ScoredPair.NOT_ACQUIRED;
      scored.add(new ScoredPair(score, r[2].equals("1")));
    }
    double accuracy = VerificationMetrics.tenFoldAccuracy(scored);
    double impostorAcceptance = VerificationMetrics.rateAtOrAbove(
        scored.stream().filter(p -> !p.same()).mapToDouble(ScoredPair::score).toArray(), engine.threshold());
    System.out.printf("[pairs] 10-fold accuracy %.4f, EER %.4f, impostors accepted at %.4f: %.4f, failures %s%n",
        accuracy, VerificationMetrics.equalErrorRate(scored), engine.threshold(), impostorAcceptance, failures);
    assertThat(scored).hasSize(600);
    assertThat(accuracy).isGreaterThanOrEqualTo(0.99);
    assertThat(impostorAcceptance).isLessThanOrEqualTo(0.01);
  }
}
