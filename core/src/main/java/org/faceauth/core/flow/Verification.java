package org.faceauth.core.flow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.ChallengeBook;
import org.faceauth.core.liveness.LivenessResult;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.pipeline.StageTimings;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserStatus;

/**
 * Verification (1:1), from one image with the passive liveness check or from a burst of frames answering an active
 * challenge kept in the {@link ChallengeBook}. Guarded by the {@link LoginGuard}; decided by the {@link Matcher} on the
 * best score over the user's templates in the index.
 */
final class Verification {
  static final int MAX_CHALLENGE_FRAMES = 10;

  private final FaceEngine engine;
  private final TemplateStore store;
  private final IndexSynchroniser synchroniser;
  private final TemplateIndex index;
  private final LoginGuard guard;
  private final LoginPolicy loginPolicy;
  private final PassiveLiveness passive;
  private final ChallengeFrames challengeFrames;
  private final ChallengeBook challenges;
  private final FlowAudit audit;

  Verification(
      FaceEngine engine, TemplateStore store, IndexSynchroniser synchroniser, LoginGuard guard,
      LoginPolicy loginPolicy, PassiveLiveness passive, ChallengeBook challenges, FlowAudit audit) {
    this.engine = engine;
    this.store = store;
    this.synchroniser = synchroniser;
    this.index = synchroniser.index();
    this.guard = guard;
    this.loginPolicy = loginPolicy;
    this.passive = passive;
    this.challengeFrames = new ChallengeFrames(engine, passive);
    this.challenges = challenges;
    this.audit = audit;
  }

  VerificationResult verify(UserId userId, byte[] image, RequestContext context) {
    long start = System.nanoTime();
    Optional<VerificationResult> refused = guard.refuse(userId, context, start);
    if (refused.isPresent()) {
      return refused.get();
    }
    return guard.settle(userId, context, () -> {
      FacePipeline pipeline = engine.verificationPipeline();
      long decodeStart = System.nanoTime();
      try (BgrImage decoded = pipeline.decoder().decode(image)) {
        long decodeNanos = System.nanoTime() - decodeStart;
        FaceResult result = pipeline.process(decoded);
        StageTimings stages = result.timings().withDecode(decodeNanos);
        if (!result.accepted()) {
          return noFace(userId, stages, start, context);
        }
        long livenessStart = System.nanoTime();
        LivenessResult liveness = passive.judge(decoded, result.subject().orElseThrow());
        return decide(userId, result.embedding().orElseThrow(), liveness, liveness.live(), true,
            stages.withLiveness(System.nanoTime() - livenessStart), start, context);
      }
    });
  }

  Challenge issueChallenge(UserId userId, RequestContext context) {
    return challenges.issue(userId, context.caller());
  }

  VerificationResult verifyChallenge(UserId userId, String nonce, List<byte[]> frames, RequestContext context) {
    long start = System.nanoTime();
    Challenge challenge = challenges.redeem(nonce, userId, context.caller());
    if (frames.size() < 2 || frames.size() > MAX_CHALLENGE_FRAMES) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "Send 2 to " + MAX_CHALLENGE_FRAMES + " frames with a challenge (got " + frames.size() + ").");
    }
    Optional<VerificationResult> refused = guard.refuse(userId, context, start);
    if (refused.isPresent()) {
      return refused.get();
    }
    return guard.settle(userId, context, () -> {
      ChallengeFrames.Reading reading = challengeFrames.read(challenge, frames);
      if (reading instanceof ChallengeFrames.NoFace noFace) {
        return noFace(userId, noFace.stages(), start, context);
      }
      ChallengeFrames.Answer answer = (ChallengeFrames.Answer) reading;
      return decide(userId, answer.probe(), answer.liveness(), answer.passiveLive(), answer.followed(),
          answer.stages(), start, context);
    });
  }

  private VerificationResult noFace(UserId userId, StageTimings stages, long start, RequestContext context) {
    audit.record(context, AuditAction.VERIFY, Optional.of(userId.value()), "no_face", Optional.empty());
    return new VerificationResult(
        userId, VerificationOutcome.NO_FACE, Optional.empty(), engine.threshold(), FlowAudit.millisSince(start),
        stages, Optional.empty(), Optional.empty());
  }

  /**
   * Why a user id has no score against a probe: templates of another model only (always said, since re-enrolling is
   * the fix), or no user or no face at all (said only when unknown users are not hidden; otherwise a no-match, as a
   * created but never enrolled user is not enrolled either).
   */
  private void unscorable(UserId userId, Optional<User> user, boolean otherModelOnly) {
    if (user.isPresent() && otherModelOnly) {
      throw new FaceAuthException(ErrorCode.NO_TEMPLATES_FOR_MODEL,
          "User '" + userId + "' was enrolled with another face model; enroll them again.");
    }
    if (!loginPolicy.hideUnknownUsers()) {
      throw user.isPresent()
          ? new FaceAuthException(ErrorCode.USER_NOT_ENROLLED,
              "User '" + userId + "' exists but has no enrolled face yet; enroll photos before verifying.")
          : new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + userId + "' is enrolled.");
    }
  }

  /**
   * The decision on a probe face: a failed challenge first, then a face the policy finds not live, then a disabled
   * account (reached by anonymous callers, or an account disabled while its attempt ran), then the {@link Matcher} on
   * the best score over the user's templates. The index first catches up with what other processes
   * committed, and the user's row is read again: a user id that is not enrolled (reached only when unknown users are
   * hidden) has no score, whatever the index holds: a no-match, audited as {@code unknown_user}. A stored user the
   * index holds no row of is looked up in the store before being told they were enrolled with another model.
   *
   * @throws FaceAuthException {@link ErrorCode#NO_TEMPLATES_FOR_MODEL} if the user has templates of another model
   *     only; {@link ErrorCode#USER_NOT_FOUND} or {@link ErrorCode#USER_NOT_ENROLLED} when unknown users are not hidden
   */
  private VerificationResult decide(
      UserId userId, Embedding probe, LivenessResult liveness, boolean passiveLive, boolean challengeFollowed,
      StageTimings stages, long start, RequestContext context) {
    synchroniser.catchUp();
    Optional<User> user = store.user(userId);
    OptionalDouble score = user.isPresent() ? index.scoreUser(userId, probe) : OptionalDouble.empty();
    boolean otherModelOnly = false;
    if (score.isEmpty() && user.isPresent() && user.get().templates() > 0) {
      otherModelOnly = !synchroniser.refreshIfMissing(userId);
      score = otherModelOnly ? score : index.scoreUser(userId, probe);
    }
    if (score.isEmpty()) {
      unscorable(userId, user, otherModelOnly);
    }
    boolean known = score.isPresent();
    VerificationOutcome outcome;
    if (!challengeFollowed) {
      outcome = VerificationOutcome.CHALLENGE_FAILED;
    } else if (passive.required() && !passiveLive) {
      outcome = VerificationOutcome.SPOOF;
    } else if (user.isPresent() && user.get().status() == UserStatus.DISABLED) {
      outcome = VerificationOutcome.USER_DISABLED;
    } else if (known && engine.matcher().accepts(score.getAsDouble())) {
      outcome = VerificationOutcome.MATCH;
    } else {
      outcome = VerificationOutcome.NO_MATCH;
    }
    Optional<Double> best = known ? Optional.of(score.getAsDouble()) : Optional.empty();
    String audited = known || outcome != VerificationOutcome.NO_MATCH
        ? outcome.name().toLowerCase(Locale.ROOT) : "unknown_user";
    audit.record(context, AuditAction.VERIFY, Optional.of(userId.value()), audited, best);
    return new VerificationResult(
        userId, outcome, best, engine.threshold(), FlowAudit.millisSince(start), stages, Optional.of(liveness),
        Optional.empty());
  }
}
