package org.faceauth.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * False-accept and false-reject rates at every threshold, from the scores of genuine and impostor attempts (an attempt
 * is accepted when its score is at or above the threshold). Sorted once, each rate is a binary search, so curves over
 * hundreds of thousands of attempts are cheap. The ROC plots 1 − FRR against FAR; the DET plots FRR against FAR.
 * Immutable.
 */
public final class ErrorTradeoff {
  /** One operating point. */
  public record Point(double threshold, double far, double frr) {}

  private final double[] genuine;
  private final double[] impostor;

  private ErrorTradeoff(double[] genuine, double[] impostor) {
    this.genuine = genuine;
    this.impostor = impostor;
  }

  public static ErrorTradeoff of(double[] genuineScores, double[] impostorScores) {
    double[] g = genuineScores.clone();
    double[] i = impostorScores.clone();
    Arrays.sort(g);
    Arrays.sort(i);
    return new ErrorTradeoff(g, i);
  }

  /** Share of impostor attempts at or above {@code threshold}. */
  public double far(double threshold) {
    return impostor.length == 0 ? 0 : (double) (impostor.length - firstAtOrAbove(impostor, threshold)) / impostor.length;
  }

  /** Share of genuine attempts below {@code threshold}. */
  public double frr(double threshold) {
    return genuine.length == 0 ? 0 : (double) firstAtOrAbove(genuine, threshold) / genuine.length;
  }

  /** The equal error rate: the mean of FAR and FRR where they are closest, over every score as a threshold. */
  public double equalErrorRate() {
    double bestGap = Double.MAX_VALUE;
    double eer = 1;
    for (double t : thresholds()) {
      double far = far(t);
      double frr = frr(t);
      if (Math.abs(far - frr) < bestGap) {
        bestGap = Math.abs(far - frr);
        eer = (far + frr) / 2;
      }
    }
    return eer;
  }

  /** At most {@code maxPoints} operating points, evenly spread over the distinct scores, lowest threshold first. */
  public List<Point> curve(int maxPoints) {
    double[] thresholds = thresholds();
    List<Point> points = new ArrayList<>();
    if (thresholds.length == 0) {
      return points;
    }
    int step = Math.max(1, (int) Math.ceil((double) thresholds.length / maxPoints));
    for (int k = 0; k < thresholds.length; k += step) {
      points.add(new Point(thresholds[k], far(thresholds[k]), frr(thresholds[k])));
    }
    double last = thresholds[thresholds.length - 1];
    if (points.get(points.size() - 1).threshold() != last) {
      points.add(new Point(last, far(last), frr(last)));
    }
    return points;
  }

  private double[] thresholds() {
    double[] all = new double[genuine.length + impostor.length];
    System.arraycopy(genuine, 0, all, 0, genuine.length);
    System.arraycopy(impostor, 0, all, genuine.length, impostor.length);
    return Arrays.stream(all).sorted().distinct().toArray();
  }

  /** Index of the first element ≥ {@code value} in a sorted array (its length when none). */
  private static int firstAtOrAbove(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
