package org.faceauth.core.match;

import java.util.List;
import org.faceauth.core.embed.Embedding;

/**
 * FaceAuth's one match decision: a probe belongs to the owner of some templates when its best cosine similarity over
 * them reaches the threshold. The CLI's comparisons and every flow of the service (verification, identification, the
 * duplicate-face check, a challenge's same-face check) decide through {@link #accepts}, whether they computed the best
 * score here ({@link #match}) or took it from the template index's search. Pure: no I/O, thread-safe.
 *
 * @param threshold the calibrated decision threshold: a best score at or above it is a match
 */
public record Matcher(double threshold) {
  /** Whether a best cosine similarity of {@code bestScore} is a match. */
  public boolean accepts(double bestScore) {
    return bestScore >= threshold;
  }

  /**
   * Compares {@code probe} with every template and decides on the best score.
   *
   * @throws IllegalArgumentException if {@code templates} is empty
   * @throws org.faceauth.core.embed.EmbeddingMismatchException if a template comes from another model
   */
  public MatchResult match(Embedding probe, List<Embedding> templates) {
    int best = bestIndex(probe, templates);
    double score = probe.cosine(templates.get(best));
    return new MatchResult(score, threshold, accepts(score), best);
  }

  /**
   * The best cosine similarity of {@code probe} over {@code templates}, with no decision: the score a threshold is
   * calibrated on, so it needs no threshold yet.
   *
   * @throws IllegalArgumentException if {@code templates} is empty
   */
  public static double bestScore(Embedding probe, List<Embedding> templates) {
    return probe.cosine(templates.get(bestIndex(probe, templates)));
  }

  private static int bestIndex(Embedding probe, List<Embedding> templates) {
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("no templates to compare with");
    }
    double best = Double.NEGATIVE_INFINITY;
    int bestIndex = -1;
    for (int i = 0; i < templates.size(); i++) {
      double score = probe.cosine(templates.get(i));
      if (score > best) {
        best = score;
        bestIndex = i;
      }
    }
    return bestIndex;
  }
}
