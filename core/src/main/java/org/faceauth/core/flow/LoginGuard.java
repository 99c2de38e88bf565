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
 * by its outcome (a match frees the slot, anything else counts as a failure and may lock the id). A trusted caller's
 * attempt takes one slot, under the user id; an anonymous caller's takes two: under the id and its {@link
 * ClientNetwork} (locked after {@code maxFailures}, which a match forgives), then under the id from every network
 * (locked after {@code maxFailuresAcrossNetworks}, which a match does not forgive).
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
   * nothing), a disabled one (to a trusted caller), or a locked id; when empty, the attempt's slots are now reserved
   * and it must be {@link #settle}d.
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
    // An anonymous caller is not told early that an account is disabled: its attempt is inferred, counted and locked
    // like any other, and refused as disabled only after the decision (Verification), so neither the time taken nor a
    // lock that never comes sets a disabled account apart.
    if (user.isPresent() && user.get().status() == UserStatus.DISABLED && !context.anonymous()) {
      audit.record(context, AuditAction.VERIFY, subject, "user_disabled", Optional.empty());
      return Optional.of(refusal(userId, VerificationOutcome.USER_DISABLED, start, Optional.empty()));
    }
    Optional<Instant> lockedUntil = reserve(Slots.of(userId, context));
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
    Slots slots = Slots.of(userId, context);
    VerificationResult result;
    try {
      result = attempt.get();
    } catch (RuntimeException | Error e) {
      attempts.release(slots.own());
      slots.everyNetwork().ifPresent(attempts::release);
      throw e;
    }
    Instant now = clock.instant();
    if (result.match()) {
      attempts.succeed(slots.own());
      slots.everyNetwork().ifPresent(attempts::release);
    } else {
      String from = context.anonymous() ? "_from_this_network" : "";
      attempts.fail(slots.own(), policy, now).ifPresent(until -> lockedOut(userId, context, from));
      slots.everyNetwork().flatMap(key -> attempts.fail(key, policy.acrossNetworks(), now))
          .ifPresent(until -> lockedOut(userId, context, "_from_every_network"));
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

  /**
   * Takes the attempt's slots, the own one first (a caller locked out of its own network does not spend the id's
   * count across networks).
   *
   * @return until when the attempt is refused, when a slot was not free (and none is then held)
   */
  private Optional<Instant> reserve(Slots slots) {
    Instant now = clock.instant();
    Optional<Instant> ownLock = attempts.reserve(slots.own(), policy, now);
    if (ownLock.isPresent() || slots.everyNetwork().isEmpty()) {
      return ownLock;
    }
    Optional<Instant> idLock = attempts.reserve(slots.everyNetwork().get(), policy.acrossNetworks(), now);
    if (idLock.isPresent()) {
      attempts.release(slots.own());
    }
    return idLock;
  }

  private void lockedOut(UserId userId, RequestContext context, String from) {
    audit.record(context, AuditAction.LOCKOUT, Optional.of(userId.value()),
        "locked_for_" + policy.lock().toSeconds() + "s" + from, Optional.empty());
  }

  /**
   * The ledger keys an attempt counts under: the caller's own ({@link AttemptKey#of} for a trusted caller, {@link
   * AttemptKey#fromNetwork} for an anonymous one) and, for an anonymous caller, {@link AttemptKey#fromEveryNetwork}.
   */
  private record Slots(AttemptKey own, Optional<AttemptKey> everyNetwork) {
    static Slots of(UserId userId, RequestContext context) {
      return context.anonymous()
          ? new Slots(AttemptKey.fromNetwork(userId, ClientNetwork.of(context.clientAddress())),
              Optional.of(AttemptKey.fromEveryNetwork(userId)))
          : new Slots(AttemptKey.of(userId), Optional.empty());
    }
  }

  private VerificationResult refusal(
      UserId userId, VerificationOutcome outcome, long start, Optional<Instant> lockedUntil) {
    return new VerificationResult(
        userId, outcome, Optional.empty(), threshold, FlowAudit.millisSince(start), StageTimings.ZERO,
        Optional.empty(), lockedUntil);
  }
}
