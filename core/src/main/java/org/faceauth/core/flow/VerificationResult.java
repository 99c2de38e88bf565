package org.faceauth.core.flow;

import java.util.Optional;
import org.faceauth.core.user.UserId;

/**
 * The answer to "is this the claimed user?".
 *
 * @param user the claimed user
 * @param outcome match, no match, no face or disabled
 * @param score best cosine similarity over the user's templates, when a face was compared
 * @param threshold the decision threshold
 * @param elapsedMillis time from image bytes to decision
 */
public record VerificationResult(
    UserId user, VerificationOutcome outcome, Optional<Double> score, double threshold, double elapsedMillis) {
  public boolean match() {
    return outcome == VerificationOutcome.MATCH;
  }
}
