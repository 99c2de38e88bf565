package org.faceauth.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationMetricsTest {
  @Test
  void thresholdAtFar_acceptsAtMostThatShareOfImpostors() {
    double[] impostors = new double[2000];
    for (int i = 0; i < impostors.length; i++) {
      impostors[i] = i / 2000.0;
    }
    double t = VerificationMetrics.thresholdAtFar(impostors, 1e-3);
    assertThat(VerificationMetrics.rateAtOrAbove(impostors, t)).isLessThanOrEqualTo(1e-3);
    assertThat(VerificationMetrics.rateAtOrAbove(impostors, Math.nextDown(t))).isGreaterThan(1e-3);
  }

  @Test
  void separablePairs_haveFullAccuracyAndZeroEer() {
    List<ScoredPair> pairs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pairs.add(new ScoredPair(0.6 + i / 1000.0, true));
      pairs.add(new ScoredPair(0.1 + i / 1000.0, false));
    }
    assertThat(VerificationMetrics.tenFoldAccuracy(pairs)).isEqualTo(1.0);
    assertThat(VerificationMetrics.equalErrorRate(pairs)).isEqualTo(0.0);
    assertThat(VerificationMetrics.tarAtFar(pairs, 1e-3)).isEqualTo(1.0);
  }

  @Test
  void overlappingPairs_countTheirErrors() {
    List<ScoredPair> pairs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pairs.add(new ScoredPair(i < 8 ? 0.9 : 0.2, true));
      pairs.add(new ScoredPair(i < 8 ? 0.1 : 0.8, false));
    }
    assertThat(VerificationMetrics.accuracy(pairs, 0.5)).isCloseTo(0.8, within(1e-9));
    assertThat(VerificationMetrics.equalErrorRate(pairs)).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void aPairWithoutFaceNeverMatches() {
    List<ScoredPair> pairs = List.of(new ScoredPair(ScoredPair.NOT_ACQUIRED, true), new ScoredPair(0.1, false));
    assertThat(VerificationMetrics.accuracy(pairs, 0.5)).isEqualTo(0.5);
    assertThat(VerificationMetrics.accuracy(pairs, -1.0)).isEqualTo(0.0);
  }
}
