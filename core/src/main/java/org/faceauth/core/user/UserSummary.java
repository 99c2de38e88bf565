package org.faceauth.core.user;

import java.time.Instant;
import java.util.Optional;

/**
 * A user as an operator sees them: the stored user plus what the admin views need (template quality, the last
 * successful verification, the lock).
 *
 * @param user the stored user (profile, status, template count)
 * @param meanQuality the mean detector score of their templates, if they have any
 * @param lastVerifiedAt their latest successful verification, if any
 * @param lockedUntil when their verification lock ends, if they are locked now
 */
public record UserSummary(
    User user, Optional<Double> meanQuality, Optional<Instant> lastVerifiedAt, Optional<Instant> lockedUntil) {
  public boolean locked() {
    return lockedUntil.isPresent();
  }
}
