package org.faceauth.core.evaluation;

/**
 * One compared pair.
 *
 * @param score cosine similarity; {@link #NOT_ACQUIRED} when a face was not found
 * @param same whether both images show the same person
 */
public record ScoredPair(double score, boolean same) {
  /** Score given to a pair whose face was not found: below any cosine, so it never matches. */
  public static final double NOT_ACQUIRED = -2.0;
}
