package org.faceauth.core.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Greedy non-maximum suppression: keeps the best-scoring box of every group of overlapping boxes. */
final class NonMaxSuppression {
  /** How overlap is measured. */
  enum Overlap {
    /** Intersection over union. */
    UNION,
    /** Intersection over the smaller box (suppresses boxes nested in others). */
    MIN
  }

  private NonMaxSuppression() {}

  static <T> List<T> apply(
      List<T> items,
      Function<T, BoundingBox> box,
      Function<T, Double> score,
      double threshold,
      Overlap overlap) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(score).reversed());
    List<T> kept = new ArrayList<>();
    for (T candidate : sorted) {
      BoundingBox b = box.apply(candidate);
      boolean suppressed = false;
      for (T k : kept) {
        if (overlap(b, box.apply(k), overlap) > threshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  private static double overlap(BoundingBox a, BoundingBox b, Overlap overlap) {
    double inter = a.intersection(b);
    return switch (overlap) {
      case UNION -> inter / (a.area() + b.area() - inter);
      case MIN -> inter / Math.min(a.area(), b.area());
    };
  }
}
