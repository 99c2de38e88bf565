package org.faceauth.core.flow;

import java.util.List;
import org.faceauth.core.pipeline.StageTimings;
import org.faceauth.core.template.IndexHit;

/**
 * The answer to "who is this?".
 *
 * @param faceFound whether the image showed a face
 * @param candidates enrolled users at or above the threshold, best first (empty: unknown)
 * @param threshold the decision threshold
 * @param elapsedMillis time from image bytes to answer
 * @param stages time per pipeline stage
 */
public record IdentificationResult(
    boolean faceFound, List<IndexHit> candidates, double threshold, double elapsedMillis, StageTimings stages) {
  public IdentificationResult {
    candidates = List.copyOf(candidates);
  }

  public boolean known() {
    return !candidates.isEmpty();
  }
}
