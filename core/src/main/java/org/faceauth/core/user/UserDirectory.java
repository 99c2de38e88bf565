package org.faceauth.core.user;

import java.time.Instant;
import java.util.Optional;

/**
 * Users as operators manage them: searched and paged where they are stored (never loaded whole), seen with their lock
 * and last verification, disabled or enabled. Thread-safe.
 */
public interface UserDirectory {
  /** The users matching {@code query} (locks judged at {@code now}), ordered by id, one page. */
  UserPage search(UserQuery query, Instant now);

  /** One user with their lock (judged at {@code now}), template quality and last verification, if they exist. */
  Optional<UserSummary> summary(UserId user, Instant now);

  /**
   * Sets whether the user may authenticate.
   *
   * @return false if there is no such user
   */
  boolean setStatus(UserId user, UserStatus status);
}
