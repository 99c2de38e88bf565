package org.faceauth.core.view;

import java.util.Locale;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;

/**
 * The answer to a 1:1 verification. Only a match carries the identity score; spoof and challenge_failed answers carry
 * neither score nor thresholds (identity or liveness), so a refused attempt does not tell how close it came, and an
 * unknown user id (answered as no_match) looks exactly like a known one.
 *
 * @param outcome match, no_match, spoof, challenge_failed, user_disabled, locked or no_face
 * @param ms time the verification took
 */
public record VerificationView(
    String userId, boolean match, String outcome, Double score, Double threshold, LivenessView liveness, double ms) {
  public static VerificationView of(VerificationResult result) {
    boolean revealing = result.outcome() != VerificationOutcome.SPOOF
        && result.outcome() != VerificationOutcome.CHALLENGE_FAILED;
    return new VerificationView(
        result.user().value(),
        result.match(),
        result.outcome().name().toLowerCase(Locale.ROOT),
        result.match() ? result.score().map(Rounding::score).orElse(null) : null,
        revealing ? result.threshold() : null,
        result.liveness().map(LivenessView::of).map(l -> revealing ? l : l.withoutScores()).orElse(null),
        Rounding.millis(result.elapsedMillis()));
  }
}
