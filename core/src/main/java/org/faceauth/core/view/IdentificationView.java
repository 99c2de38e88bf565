package org.faceauth.core.view;

import java.util.List;
import org.faceauth.core.flow.IdentificationResult;
import org.faceauth.core.template.IndexHit;

/**
 * The answer to a 1:N identification: whether a face was found, the best candidate's id (or {@code unknown}), whether
 * anyone matched, the candidates at or above the threshold (best first), the threshold and the time taken.
 */
public record IdentificationView(
    boolean faceFound, String userId, boolean known, List<Candidate> candidates, double threshold, double ms) {
  /** One enrolled user whose face scored at or above the threshold. */
  public record Candidate(String userId, double score) {
    public static Candidate of(IndexHit hit) {
      return new Candidate(hit.user().value(), Rounding.score(hit.score()));
    }
  }

  public static IdentificationView of(IdentificationResult result) {
    return new IdentificationView(
        result.faceFound(),
        result.known() ? result.candidates().get(0).user().value() : "unknown",
        result.known(),
        result.candidates().stream().map(Candidate::of).toList(),
        result.threshold(),
        Rounding.millis(result.elapsedMillis()));
  }
}
