package org.faceauth.core.match;

/**
 * The comparison of a probe with one or more templates.
 *
 * @param score best cosine similarity over the templates
 * @param threshold the decision threshold applied
 * @param match whether {@code score >= threshold}
 * @param bestTemplate index of the best-scoring template
 */
public record MatchResult(double score, double threshold, boolean match, int bestTemplate) {}
