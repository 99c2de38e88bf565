package org.faceauth.server.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection per user: after {@code maxFailures} failed verifications within {@code window}, the user's
 * verification is locked for {@code lock} (423 with {@code Retry-After}); a success clears the count. Locks are
 * written to the audit log. Kept in memory on each node.
 */
@Component
public final class LoginLockout {
  private final ServerSettings.Lockout settings;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<UserId, State> states = new ConcurrentHashMap<>();

  /** Recent failures and the lock, if any, of one user. */
  private static final class State {
    final Deque<Instant> failures = new ArrayDeque<>();
    Instant lockedUntil = Instant.MIN;
  }

  public LoginLockout(ServerSettings settings, AuditLog audit, Clock clock) {
    this.settings = settings.lockout();
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Refuses when the user is locked.
   *
   * @throws ApiException {@link ApiErrorCode#USER_LOCKED}
   */
  public void check(UserId user) {
    State state = states.get(user);
    if (state == null) {
      return;
    }
    synchronized (state) {
      Instant now = clock.instant();
      if (now.isBefore(state.lockedUntil)) {
        long seconds = Math.max(1, Duration.between(now, state.lockedUntil).toSeconds());
        throw new ApiException(ApiErrorCode.USER_LOCKED,
            "Verification of '" + user + "' is locked after " + settings.maxFailures() + " failed attempts; retry in "
                + seconds + " s.", Optional.of(seconds), Map.of());
      }
    }
  }

  /** A successful verification: the failures are forgotten. */
  public void succeeded(UserId user) {
    states.remove(user);
  }

  /** A failed verification; locks the user when it is one too many. */
  public void failed(UserId user, RequestContext context) {
    State state = states.computeIfAbsent(user, u -> new State());
    synchronized (state) {
      Instant now = clock.instant();
      state.failures.addLast(now);
      while (!state.failures.isEmpty() && state.failures.peekFirst().isBefore(now.minus(settings.window()))) {
        state.failures.removeFirst();
      }
      if (state.failures.size() >= settings.maxFailures()) {
        state.lockedUntil = now.plus(settings.lock());
        state.failures.clear();
        audit.record(new AuditEvent(now, context.actor(), AuditAction.LOCKOUT, Optional.of(user.value()),
            "locked_for_" + settings.lock().toSeconds() + "s", Optional.empty(), context.requestId(),
            context.clientAddress()));
      }
    }
  }
}
