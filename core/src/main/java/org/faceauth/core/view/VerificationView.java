package org.faceauth.core.view;

import java.time.Instant;
import java.util.Locale;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;

/**
 * The answer to a 1:1 verification. The operator's CLI prints it whole; a caller of the API gets it {@link
 * #redacted()}.
 *
 * @param outcome match, no_match, spoof, challenge_failed, user_disabled, locked or no_face
 * @param lockedUntil when the lock of the id ends (outcome locked; the server answers 423 instead), else null
 * @param ms time the verification took
 */
public record VerificationView(
    String userId, boolean match, String outcome, Double score, Double threshold, LivenessView liveness,
    String lockedUntil, double ms) {
  public static VerificationView of(VerificationResult result) {
    return new VerificationView(
        result.user().value(),
        result.match(),
        result.outcome().name().toLowerCase(Locale.ROOT),
        result.score().map(Rounding::score).orElse(null),
        result.threshold(),
        result.liveness().map(LivenessView::of).orElse(null),
        result.lockedUntil().map(Instant::toString).orElse(null),
        Rounding.millis(result.elapsedMillis()));
  }

  /**
   * What a caller may learn: only a match carries the identity score; spoof and challenge_failed answers carry neither
   * score nor thresholds (identity or liveness), so a refused attempt does not tell how close it came, and an unknown
   * user id (answered as no_match) looks exactly like a known one.
   */
  public VerificationView redacted() {
    boolean refused = outcome.equals(VerificationOutcome.SPOOF.name().toLowerCase(Locale.ROOT))
        || outcome.equals(VerificationOutcome.CHALLENGE_FAILED.name().toLowerCase(Locale.ROOT));
    return new VerificationView(userId, match, outcome, match ? score : null, refused ? null : threshold,
        liveness == null || !refused ? liveness : liveness.withoutScores(), lockedUntil, ms);
  }
}
