package org.faceauth.core.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * How verification resists guessing.
 *
 * <p>Lockout: at most {@code maxFailures} attempts on one claimed user id are evaluated within {@code window}; an
 * attempt takes its slot before inference (so attempts still running count), a success frees the count, a failure
 * keeps its slot; the {@code maxFailures}-th failure locks the id for {@code lock}. For an anonymous caller (the hosted
 * login page) the id is counted per {@link ClientNetwork} instead, so that a stranger locks only their own network, and
 * across all networks together with the higher limit {@code maxFailuresAcrossNetworks}, which a success does not
 * reset: guessing from many networks still stops there.
 *
 * @param maxFailures failed attempts that lock a user id (at least 1), or an id from one network for anonymous callers
 * @param window how long failures are remembered
 * @param lock how long a locked id is refused
 * @param hideUnknownUsers whether a verification of an unknown user id is answered like a no-match (after running the
 *     pipeline, and counted as an attempt on that id) instead of {@code USER_NOT_FOUND}, so that verification does
 *     not tell which ids exist
 * @param maxFailuresAcrossNetworks anonymous callers' failed attempts on one id, from every network together, that
 *     lock the id for every anonymous caller (at least {@code maxFailures})
 */
public record LoginPolicy(
    int maxFailures, Duration window, Duration lock, boolean hideUnknownUsers, int maxFailuresAcrossNetworks) {
  /** 5 failures in 15 minutes lock for 15 minutes (20 from all networks together); unknown ids hidden. */
  public static final LoginPolicy DEFAULT =
      new LoginPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), true, 20);

  public LoginPolicy {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
    }
    if (maxFailuresAcrossNetworks < maxFailures) {
      throw new IllegalArgumentException("maxFailuresAcrossNetworks must be at least maxFailures (" + maxFailures
          + "), not " + maxFailuresAcrossNetworks);
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(lock, "lock");
    if (window.isNegative() || window.isZero() || lock.isNegative()) {
      throw new IllegalArgumentException("window must be positive and lock not negative");
    }
  }

  /** The same lockout, with unknown users hidden or not. */
  public LoginPolicy withHideUnknownUsers(boolean hide) {
    return new LoginPolicy(maxFailures, window, lock, hide, maxFailuresAcrossNetworks);
  }

  /** The limit of an id's anonymous attempts from every network together: the same window and lock. */
  LoginPolicy acrossNetworks() {
    return new LoginPolicy(
        maxFailuresAcrossNetworks, window, lock, hideUnknownUsers, maxFailuresAcrossNetworks);
  }
}
