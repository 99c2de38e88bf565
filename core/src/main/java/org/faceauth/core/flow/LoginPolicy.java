package org.faceauth.core.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How verification resists guessing.
 *
 * <p>Lockout: at most {@code maxFailures} attempts on one claimed user id are evaluated within {@code window}; an
 * attempt takes its slot before inference (so attempts still running count), a success frees the count, a failure
 * keeps its slot; the {@code maxFailures}-th failure locks the id for {@code lock}.
 *
 * @param maxFailures failed attempts that lock a user id (at least 1)
 * @param window how long failures are remembered
 * @param lock how long a locked id is refused
 * @param hideUnknownUsers whether a verification of an unknown user id is answered like a no-match (after running the
 *     pipeline, and counted as an attempt on that id) instead of {@code USER_NOT_FOUND}, so that verification does
 *     not tell which ids exist
 */
public record LoginPolicy(int maxFailures, Duration window, Duration lock, boolean hideUnknownUsers) {
  /** 5 failures in 15 minutes lock for 15 minutes; unknown ids hidden. */
  public static final LoginPolicy DEFAULT =
      new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), true);

  /** The same lockout, with unknown users hidden or not. */
  public LoginPolicy withHideUnknownUsers(boolean hide) {
    return new LoginPolicy(maxFailures, window, lock, hide);
  }

  public LoginPolicy {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(lock, "lock");
    if (window.isNegative() || window.isZero() || lock.isNegative()) {
      throw new IllegalArgumentException("window must be positive and lock not negative");
    }
  }
}
