package org.faceauth.core.flow;

import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.user.UserId;

/**
 * The lockout ledger: verification attempts per {@link AttemptKey} (a claimed user id, or a claimed id and the
 * caller's network), kept where every node sees them (the database), so that a lock survives restarts and holds across
 * nodes. Each attempt first {@link #reserve reserves} a slot, atomically, before any inference; it then {@link #succeed
 * succeeds}, {@link #fail fails} or is {@link #release released}. Implementations are thread-safe and atomic across
 * processes.
 */
public interface LoginAttempts {
  /**
   * Takes an attempt slot under {@code key} when it is not locked and fewer than {@code policy.maxFailures()} failures
   * and running attempts are counted in the current window.
   *
   * @return empty when the slot was taken; otherwise until when the key is refused (a time in the future)
   */
  Optional<Instant> reserve(AttemptKey key, LoginPolicy policy, Instant now);

  /** The reserved attempt matched: its slot is freed and the failures under {@code key} are forgotten. */
  void succeed(AttemptKey key);

  /**
   * The reserved attempt failed: its slot becomes a failure; the failure that reaches {@code policy.maxFailures()}
   * locks the key for {@code policy.lock()}.
   *
   * @return the end of the lock when this failure locked the key
   */
  Optional<Instant> fail(AttemptKey key, LoginPolicy policy, Instant now);

  /**
   * The reserved attempt was not evaluated (an invalid image, an error), or matched where a match does not forgive the
   * failures (the count of an id across networks): its slot is freed without counting.
   */
  void release(AttemptKey key);

  /**
   * Forgets every attempt and any lock of {@code user}, under all of its keys (an operator's unlock).
   *
   * @return whether there was anything to forget
   */
  boolean clear(UserId user);
}
