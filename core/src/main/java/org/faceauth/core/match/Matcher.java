package org.faceauth.core.match;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.faceauth.core.embed.Embedding;

/**
 * FaceAuth's one match decision: a probe belongs to the owner of some templates when its best cosine similarity over
 * them reaches the threshold. The CLI's comparisons and every flow of the service (verification, identification, the
 * duplicate-face check, the one-person check of a challenge's burst and of an invitation's pictures) decide through {@link #accepts}, whether they computed the best
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

  /**
   * Whether {@code faces} are one person: they form one group in which every face is linked to every other through
   * pairs this matcher accepts as the same person. Comparing every face with the first, or with the one before it,
   * refuses genuine series: a frontal face and the same face turned far, or a frame blurred by movement, can score
   * under the verification threshold against one face while matching the others. A switch to another person part-way
   * still splits the series into two groups, unless a pair across the switch is accepted, which is the matcher's own
   * false-match risk. Used by a challenge's burst and by an invitation's enrollment pictures.
   *
   * @throws IllegalArgumentException if {@code faces} is empty
   */
  public boolean oneIdentity(List<Embedding> faces) {
    if (faces.isEmpty()) {
      throw new IllegalArgumentException("no faces to compare");
    }
    int size = faces.size();
    boolean[] reached = new boolean[size];
    Deque<Integer> toVisit = new ArrayDeque<>();
    reached[0] = true;
    toVisit.push(0);
    int reachedCount = 1;
    while (!toVisit.isEmpty()) {
      Embedding from = faces.get(toVisit.pop());
      for (int other = 0; other < size; other++) {
        if (!reached[other] && accepts(from.cosine(faces.get(other)))) {
          reached[other] = true;
          reachedCount++;
          toVisit.push(other);
        }
      }
    }
    return reachedCount == size;
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
