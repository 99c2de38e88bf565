package org.faceauth.core.view;

import java.util.List;
import org.faceauth.core.liveness.LivenessResult;

/**
 * A liveness verdict: live or not, the score against its threshold, and the checks that ran ({@code passive:...},
 * {@code challenge:...}). Score and threshold are null where the answer must not tell how close a refusal came.
 */
public record LivenessView(boolean live, Double score, Double threshold, List<String> checks) {
  public static LivenessView of(LivenessResult liveness) {
    return new LivenessView(liveness.live(), Rounding.score(liveness.score()), liveness.threshold(),
        liveness.checks());
  }

  /** The same verdict without its score and threshold. */
  public LivenessView withoutScores() {
    return new LivenessView(live, null, null, checks);
  }
}
