package org.faceauth.core.liveness;

import java.util.List;

/**
 * The liveness verdict on a login.
 *
 * @param score P(live) of the passive check, in [0, 1]
 * @param live whether the login counts as live (score at or above the threshold, and every active check passed)
 * @param threshold the passive decision threshold
 * @param checks which checks ran, e.g. {@code passive:minifasnet}, {@code challenge:turn_left}
 */
public record LivenessResult(double score, boolean live, double threshold, List<String> checks) {
  public LivenessResult {
    checks = List.copyOf(checks);
  }
}
