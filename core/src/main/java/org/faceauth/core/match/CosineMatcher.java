package org.faceauth.core.match;

import java.util.List;
import org.faceauth.core.embed.Embedding;

/** Best cosine similarity over the templates, accepted at or above the threshold. */
public final class CosineMatcher implements Matcher {
  @Override
  public MatchResult match(Embedding probe, List<Embedding> templates, double threshold) {
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
    return new MatchResult(best, threshold, best >= threshold, bestIndex);
  }
}
