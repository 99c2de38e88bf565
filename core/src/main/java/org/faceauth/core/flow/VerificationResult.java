package org.faceauth.core.flow;

import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.liveness.LivenessResult;
import org.faceauth.core.pipeline.StageTimings;
import org.faceauth.core.user.UserId;

/**
 * The answer to "is this the claimed user?".
 *
 * @param user the claimed user
 * @param outcome match, no match, spoof, challenge failed, no face, disabled or locked
 * @param score best cosine similarity over the user's templates, when a face was compared
 * @param threshold the decision threshold
 * @param elapsedMillis time from image bytes to decision
 * @param stages time per pipeline stage ({@link StageTimings#ZERO} when no image was processed)
 * @param liveness the liveness verdict, whenever a face was found
 * @param lockedUntil when the outcome is {@link VerificationOutcome#LOCKED}: until when the user id is refused
 */
public record VerificationResult(
    UserId user,
    VerificationOutcome outcome,
    Optional<Double> score,
    double threshold,
    double elapsedMillis,
    StageTimings stages,
    Optional<LivenessResult> liveness,
    Optional<Instant> lockedUntil) {
  public boolean match() {
    return outcome == VerificationOutcome.MATCH;
  }
}
