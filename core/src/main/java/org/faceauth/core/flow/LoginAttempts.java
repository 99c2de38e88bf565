package org.faceauth.core.flow;

import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.user.UserId;

/**
 * The lockout ledger: verification attempts per claimed user id, kept where every node sees them (the database), so
 * that a lock survives restarts and holds across nodes. Each attempt first {@link #reserve reserves} a slot, atomically,
 * before any inference; it then {@link #succeed succeeds}, {@link #fail fails} or is {@link #release released}.
 * Implementations are thread-safe and atomic across processes.
 */
public interface LoginAttempts {
  /**
   * Takes an attempt slot for {@code user} when the id is not locked and fewer than {@code policy.maxFailures()}
   * failures and running attempts are counted in the current window.
   *
   * @return empty when the slot was taken; otherwise until when the id is refused (a time in the future)
   */
  Optional<Instant> reserve(UserId user, LoginPolicy policy, Instant now);

  /** The reserved attempt matched: its slot is freed and the failures are forgotten. */
  void succeed(UserId user);

  /**
   * The reserved attempt failed: its slot becomes a failure; the failure that reaches {@code policy.maxFailures()}
   * locks the id for {@code policy.lock()}.
   *
   * @return the end of the lock when this failure locked the id
   */
  Optional<Instant> fail(UserId user, LoginPolicy policy, Instant now);

  /** The reserved attempt was not evaluated (an invalid image, an error): its slot is freed without counting. */
  void release(UserId user);

  /**
   * Forgets every attempt and any lock of {@code user} (an operator's unlock).
   *
   * @return whether there was anything to forget
   */
  boolean clear(UserId user);
}
