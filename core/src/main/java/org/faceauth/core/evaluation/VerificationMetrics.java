package org.faceauth.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Standard verification metrics over scored pairs. Pure functions. */
public final class VerificationMetrics {
  private static final int FOLDS = 10;

  private VerificationMetrics() {}

  /** Share of pairs decided correctly at {@code threshold} (match when score ≥ threshold). */
  public static double accuracy(List<ScoredPair> pairs, double threshold) {
    long correct = pairs.stream().filter(p -> (p.score() >= threshold) == p.same()).count();
    return (double) correct / pairs.size();
  }

  /** The threshold that maximises accuracy on {@code pairs} (midpoints between adjacent scores are tried). */
  public static double bestAccuracyThreshold(List<ScoredPair> pairs) {
    double[] scores = pairs.stream().mapToDouble(ScoredPair::score).sorted().distinct().toArray();
    double best = scores[0];
    double bestAccuracy = -1;
    for (int i = 0; i <= scores.length; i++) {
      double t = i == 0 ? scores[0] - 1e-6 : i == scores.length ? scores[i - 1] + 1e-6 : (scores[i - 1] + scores[i]) / 2;
      double a = accuracy(pairs, t);
      if (a > bestAccuracy) {
        bestAccuracy = a;
        best = t;
      }
    }
    return best;
  }

  /**
   * The LFW protocol: ten folds (pair {@code i} in fold {@code i mod 10}, which keeps same/different balanced when
   * pairs are listed by kind); each fold is decided at the threshold that is best on the other nine; the mean of the
   * ten fold accuracies.
   */
  public static double tenFoldAccuracy(List<ScoredPair> pairs) {
    if (pairs.size() < FOLDS) {
      throw new IllegalArgumentException("need at least " + FOLDS + " pairs");
    }
    double sum = 0;
    for (int fold = 0; fold < FOLDS; fold++) {
      List<ScoredPair> train = new ArrayList<>();
      List<ScoredPair> test = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        (i % FOLDS == fold ? test : train).add(pairs.get(i));
      }
      sum += accuracy(test, bestAccuracyThreshold(train));
    }
    return sum / FOLDS;
  }

  /**
   * The lowest threshold at which at most {@code far} of the impostor scores are accepted (score ≥ threshold).
   *
   * @throws IllegalArgumentException if there are no impostor scores
   */
  public static double thresholdAtFar(double[] impostorScores, double far) {
    if (impostorScores.length == 0) {
      throw new IllegalArgumentException("no impostor scores");
    }
    double[] descending = Arrays.stream(impostorScores).map(s -> -s).sorted().map(s -> -s).toArray();
    int allowed = (int) Math.floor(far * descending.length);
    if (allowed >= descending.length) {
      return descending[descending.length - 1];
    }
    return Math.nextUp(descending[allowed]);
  }

  /** Share of genuine pairs accepted at the threshold where impostors are accepted at most {@code far} of the time. */
  public static double tarAtFar(List<ScoredPair> pairs, double far) {
    return rateAtOrAbove(scores(pairs, true), thresholdAtFar(scores(pairs, false), far));
  }

  /** The equal error rate: where the false-accept and false-reject rates cross. */
  public static double equalErrorRate(List<ScoredPair> pairs) {
    return ErrorTradeoff.of(scores(pairs, true), scores(pairs, false)).equalErrorRate();
  }

  /** Share of {@code scores} at or above {@code threshold}. */
  public static double rateAtOrAbove(double[] scores, double threshold) {
    return scores.length == 0 ? 0 : (double) Arrays.stream(scores).filter(s -> s >= threshold).count() / scores.length;
  }

  private static double[] scores(List<ScoredPair> pairs, boolean same) {
    return pairs.stream().filter(p -> p.same() == same).mapToDouble(ScoredPair::score).toArray();
  }
}
