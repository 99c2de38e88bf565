package org.faceauth.core.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.pipeline.StageTimings;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserStatus;

/**
 * What stands before and after a verification's inference: unknown, disabled and locked ids are answered before any,
 * and an attempt reserves its slot in the {@link LoginAttempts} ledger under the {@link LoginPolicy}, then is settled
 * by its outcome (a match frees the slot, anything else counts as a failure and may lock the id).
 */
final class LoginGuard {
  private final TemplateStore store;
  private final LoginPolicy policy;
  private final LoginAttempts attempts;
  private final Clock clock;
  private final double threshold;
  private final FlowAudit audit;

  LoginGuard(
      TemplateStore store, LoginPolicy policy, LoginAttempts attempts, Clock clock, double threshold,
      FlowAudit audit) {
    this.store = store;
    this.policy = policy;
    this.attempts = attempts;
    this.clock = clock;
    this.threshold = threshold;
    this.audit = audit;
  }

  /**
   * The answer given before any inference, audited: an unknown user (when unknown users are not hidden, else
   * nothing), a disabled one, or a locked id; when empty, an attempt slot is now reserved and must be {@link #settle}d.
   *
   * @throws FaceAuthException {@link ErrorCode#USER_NOT_FOUND} when unknown users are not hidden
   */
  Optional<VerificationResult> refuse(UserId userId, RequestContext context, long start) {
    Optional<User> user = store.user(userId);
    Optional<String> subject = Optional.of(userId.value());
    if (user.isEmpty() && !policy.hideUnknownUsers()) {
      audit.record(context, AuditAction.VERIFY, subject, "unknown_user", Optional.empty());
      throw new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + userId + "' is enrolled.");
    }
    if (user.isPresent() && user.get().status() == UserStatus.DISABLED) {
      audit.record(context, AuditAction.VERIFY, subject, "user_disabled", Optional.empty());
      return Optional.of(refusal(userId, VerificationOutcome.USER_DISABLED, start, Optional.empty()));
    }
    Optional<Instant> lockedUntil = attempts.reserve(userId, policy, clock.instant());
    if (lockedUntil.isPresent()) {
      audit.record(context, AuditAction.VERIFY, subject, "locked", Optional.empty());
      return Optional.of(refusal(userId, VerificationOutcome.LOCKED, start, lockedUntil));
    }
    return Optional.empty();
  }

  /**
   * Runs an attempt whose slot is reserved and settles it: a match succeeds, any other outcome fails (and may lock
   * the id, audited), an exception or error (out of memory included) releases the slot uncounted.
   */
  VerificationResult settle(UserId userId, RequestContext context, Supplier<VerificationResult> attempt) {
    VerificationResult result;
    try {
      result = attempt.get();
    } catch (RuntimeException | Error e) {
      attempts.release(userId);
      throw e;
    }
    if (result.match()) {
      attempts.succeed(userId);
    } else {
      attempts.fail(userId, policy, clock.instant()).ifPresent(until -> audit.record(
          context, AuditAction.LOCKOUT, Optional.of(userId.value()), "locked_for_" + policy.lock().toSeconds() + "s",
          Optional.empty()));
    }
    return result;
  }

  /** Forgets the failed attempts and any lock of {@code userId} (an operator's unlock), audited. */
  boolean unlock(UserId userId, RequestContext context) {
    boolean cleared = attempts.clear(userId);
    audit.record(context, AuditAction.UNLOCK, Optional.of(userId.value()), cleared ? "unlocked" : "nothing_to_unlock",
        Optional.empty());
    return cleared;
  }

  private VerificationResult refusal(
      UserId userId, VerificationOutcome outcome, long start, Optional<Instant> lockedUntil) {
    return new VerificationResult(
        userId, outcome, Optional.empty(), threshold, FlowAudit.millisSince(start), StageTimings.ZERO,
        Optional.empty(), lockedUntil);
  }
}
