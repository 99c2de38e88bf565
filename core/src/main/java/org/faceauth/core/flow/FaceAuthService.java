package org.faceauth.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.InvalidImageException;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.ChallengeBook;
import org.faceauth.core.liveness.HeadTurn;
import org.faceauth.core.liveness.LivenessCheck;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.liveness.LivenessResult;
import org.faceauth.core.liveness.MirrorReplayCheck;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.pipeline.StageTimings;
import org.faceauth.core.quality.QualityIssue;
import org.faceauth.core.template.IndexHit;
import org.faceauth.core.template.Template;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.user.UserStatus;

/**
 * FaceAuth's flows: enroll, verify (1:1), identify (1:N), erase. Images go through the {@link FaceEngine}'s
 * enrollment or verification pipeline; templates are kept in a {@link TemplateStore} and mirrored in an in-memory
 * {@link TemplateIndex} of the configured embedding model. Writes for one user are serialised and the index is refreshed
 * from the store after each, so it always shows what the store holds; changes made by other nodes on the same database
 * arrive through {@link TemplateStore#subscribe}. Verification is guarded by a lockout kept in {@link LoginAttempts}
 * under a {@link LoginPolicy}: an attempt reserves its slot before any inference. Every flow writes an audit event.
 * Thread-safe.
 */
public final class FaceAuthService implements AutoCloseable {
  /** Most images one enrollment request may carry. */
  public static final int MAX_ENROLLMENT_IMAGES = 10;

  private static final int LOCK_STRIPES = 64;
  private static final int DUPLICATE_CANDIDATES = 5;

  /** Most frames one challenge burst may carry. */
  public static final int MAX_CHALLENGE_FRAMES = 10;

  private static final Duration CHALLENGE_LIFETIME = Duration.ofSeconds(60);

  private final FaceEngine engine;
  private final LivenessPolicy livenessPolicy;
  private final LoginPolicy loginPolicy;
  private final EnrollmentPolicy enrollmentPolicy;
  private final LoginAttempts attempts;
  private final ChallengeBook challenges;
  private final TemplateStore store;
  private final AuditLog audit;
  private final FaceArchive archive;
  private final Clock clock;
  private final TemplateIndex index;
  private final ReentrantLock[] userLocks = new ReentrantLock[LOCK_STRIPES];
  private final AutoCloseable subscription;

  /**
   * Loads the index from {@code store} and starts following other nodes' changes.
   *
   * @param livenessPolicy whether verification requires a live face
   * @param loginPolicy the lockout and whether unknown users are hidden
   * @param attempts where verification attempts are counted
   * @param enrollmentPolicy whether enrollment needs recorded consent
   */
  public FaceAuthService(
      FaceEngine engine, TemplateStore store, AuditLog audit, FaceArchive archive, Clock clock,
      LivenessPolicy livenessPolicy, LoginPolicy loginPolicy, LoginAttempts attempts,
      EnrollmentPolicy enrollmentPolicy) {
    this.engine = engine;
    this.enrollmentPolicy = enrollmentPolicy;
    this.livenessPolicy = livenessPolicy;
    this.loginPolicy = loginPolicy;
    this.attempts = attempts;
    this.challenges = new ChallengeBook(clock, CHALLENGE_LIFETIME);
    this.store = store;
    this.audit = audit;
    this.archive = archive;
    this.clock = clock;
    var model = engine.config().embeddingModel();
    this.index = new TemplateIndex(model.versionedId(), model.dimensions());
    for (int i = 0; i < LOCK_STRIPES; i++) {
      userLocks[i] = new ReentrantLock();
    }
    reloadIndex();
    this.subscription = store.subscribe(this::onRemoteChange);
  }

  /** The decision threshold in force. */
  public double threshold() {
    return engine.threshold();
  }

  /** The in-memory index (read-only use: size, users). */
  public TemplateIndex index() {
    return index;
  }

  /**
   * Enrolls a person: every image through the enrollment detector and quality gate, the accepted faces stored as
   * templates in one transaction. Files the archive keeps (raw uploads, a debug crop) are written under temporary
   * names first and given their final names just before that transaction commits: rows and files are kept together or
   * not at all, and a failure is audited.
   *
   * @throws EnrollmentRejectedException if no image was accepted (nothing stored)
   * @throws FaceAuthException {@link ErrorCode#USER_NOT_FOUND} or {@link ErrorCode#CONSENT_REQUIRED} when the
   *     {@link EnrollmentPolicy} refuses the request (before any inference); {@link ErrorCode#DUPLICATE_FACE} if a
   *     face already belongs to another user and the request does not override it; {@link
   *     ErrorCode#INVALID_REQUEST} for no or too many images; a storage code when the rows or the files cannot be
   *     written (then neither is kept)
   */
  public EnrollmentResult enroll(EnrollmentRequest request, RequestContext context) {
    int count = request.images().size();
    if (count == 0 || count > MAX_ENROLLMENT_IMAGES) {
      throw new FaceAuthException(
          ErrorCode.INVALID_REQUEST,
          "Send 1 to " + MAX_ENROLLMENT_IMAGES + " images to enroll (got " + count + ").");
    }
    UserProfile profile = admitted(request, context);
    FacePipeline pipeline = engine.enrollmentPipeline();
    List<ImageVerdict> verdicts = new ArrayList<>();
    List<Template> templates = new ArrayList<>();
    Optional<byte[]> crop = Optional.empty();
    for (int i = 0; i < count; i++) {
      byte[] image = request.images().get(i);
      FaceResult result;
      try {
        result = pipeline.process(image);
      } catch (InvalidImageException e) {
        verdicts.add(new ImageVerdict(i, false, List.of(e.code().name()), List.of(e.getMessage()), Optional.empty()));
        continue;
      }
      verdicts.add(verdict(i, result));
      if (result.accepted()) {
        DetectedFace face = result.subject().orElseThrow();
        templates.add(new Template(
            UUID.randomUUID().toString(), request.user(), result.embedding().orElseThrow(),
            pipeline.detector().kind().id(), face.score(), clock.instant()));
        if (crop.isEmpty() && archive.wantsCrops()) {
          crop = Optional.of(alignedJpeg(pipeline, image, face));
        }
      }
    }
    if (templates.isEmpty()) {
      record(context, AuditAction.ENROLL, Optional.of(request.user().value()), "rejected", Optional.empty());
      throw new EnrollmentRejectedException(verdicts);
    }
    Optional<byte[]> alignedCrop = crop;
    return underUserLock(request.user(), () -> {
      if (!request.allowDuplicate()) {
        refuseDuplicates(request.user(), templates, context);
      }
      User user = storeTogether(request, profile, templates, alignedCrop, context);
      refreshIndex(request.user());
      record(context, AuditAction.ENROLL, Optional.of(request.user().value()), "accepted", Optional.empty());
      return new EnrollmentResult(user, verdicts, templates.size());
    });
  }

  /** The profile to store under the enrollment policy; a refusal is audited. */
  private UserProfile admitted(EnrollmentRequest request, RequestContext context) {
    try {
      return enrollmentPolicy.admit(store.user(request.user()), request, clock.instant());
    } catch (FaceAuthException e) {
      record(context, AuditAction.ENROLL, Optional.of(request.user().value()),
          e.code().name().toLowerCase(Locale.ROOT), Optional.empty());
      throw e;
    }
  }

  /**
   * Stores the templates and the archive's files of one enrollment, all or nothing: files staged, rows written, files
   * published, then the commit; on any failure the files are discarded, the rows rolled back, and the failure audited.
   */
  private User storeTogether(
      EnrollmentRequest request, UserProfile profile, List<Template> templates, Optional<byte[]> crop,
      RequestContext context) {
    FaceArchive.Staged staged = FaceArchive.Staged.NOTHING;
    try {
      staged = archive.stage(request.user(), request.images(), crop);
      return store.enroll(request.user(), profile, templates, request.replace(), staged::publish);
    } catch (RuntimeException e) {
      try {
        staged.discard();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      String code = e instanceof FaceAuthException failure ? failure.code().name() : "internal_error";
      record(context, AuditAction.ENROLL, Optional.of(request.user().value()),
          "failed:" + code.toLowerCase(Locale.ROOT), Optional.empty());
      throw e;
    }
  }

  /**
   * Verifies that the face in {@code image} is {@code userId}'s. The attempt first reserves a slot in the lockout
   * ledger (a {@link VerificationOutcome#LOCKED} result when none is left); a match frees it, any other outcome counts
   * as a failure. An unknown user id is answered like a no-match after running the pipeline, and counted the same,
   * when the policy hides unknown users.
   *
   * @throws FaceAuthException {@link ErrorCode#USER_NOT_FOUND} (only when unknown users are not hidden), {@link
   *     ErrorCode#NO_TEMPLATES_FOR_MODEL}, or an invalid-image code
   */
  public VerificationResult verify(UserId userId, byte[] image, RequestContext context) {
    long start = System.nanoTime();
    Optional<VerificationResult> refused = refuse(userId, context, start);
    if (refused.isPresent()) {
      return refused.get();
    }
    return settled(userId, context, () -> {
      FacePipeline pipeline = engine.verificationPipeline();
      long decodeStart = System.nanoTime();
      try (BgrImage decoded = pipeline.decoder().decode(image)) {
        long decodeNanos = System.nanoTime() - decodeStart;
        FaceResult result = pipeline.process(decoded);
        StageTimings stages = result.timings().withDecode(decodeNanos);
        if (!result.accepted()) {
          return noFace(userId, stages, start, context);
        }
        LivenessResult liveness = passiveLiveness(decoded, result.subject().orElseThrow());
        return decide(userId, result.embedding().orElseThrow(), liveness, liveness.live(), true, stages, start,
            context);
      }
    });
  }

  /**
   * A new active liveness challenge (one-time nonce, instruction, expiry) for {@code userId}'s verification, which
   * only the same caller ({@link RequestContext#actor()}) may answer. Issued for any well-formed id, known or not.
   */
  public Challenge issueChallenge(UserId userId, RequestContext context) {
    return challenges.issue(userId, context.actor());
  }

  /**
   * Verifies a burst of frames answering an active challenge: the nonce must be fresh, unused, and issued to this
   * caller for this user; every frame must show a face, all frames the same face, the head must turn as instructed,
   * no two frames may be mirror images of each other ({@link MirrorReplayCheck}: a photo and its mirror), the first
   * frame must pass the passive check; then the first frame is compared with the user's templates. Liveness and
   * identity come from the same frames. Lockout and unknown users as in {@link #verify}.
   *
   * @param frames 2 to {@value #MAX_CHALLENGE_FRAMES} encoded frames, in capture order
   * @throws FaceAuthException {@link ErrorCode#CHALLENGE_UNKNOWN} (also for a replay, another caller or another
   *     user), {@link ErrorCode#CHALLENGE_EXPIRED}, {@link ErrorCode#USER_NOT_FOUND} (only when unknown users are not
   *     hidden), {@link ErrorCode#INVALID_REQUEST}
   */
  public VerificationResult verifyChallenge(
      UserId userId, String nonce, List<byte[]> frames, RequestContext context) {
    long start = System.nanoTime();
    Challenge challenge = challenges.redeem(nonce, userId, context.actor());
    if (frames.size() < 2 || frames.size() > MAX_CHALLENGE_FRAMES) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "Send 2 to " + MAX_CHALLENGE_FRAMES + " frames with a challenge (got " + frames.size() + ").");
    }
    Optional<VerificationResult> refused = refuse(userId, context, start);
    if (refused.isPresent()) {
      return refused.get();
    }
    return settled(userId, context, () -> {
      FacePipeline pipeline = engine.verificationPipeline();
      List<Embedding> embeddings = new ArrayList<>();
      List<Landmarks> landmarks = new ArrayList<>();
      List<MirrorReplayCheck.Appearance> appearances = new ArrayList<>();
      LivenessResult passive = null;
      StageTimings firstStages = StageTimings.ZERO;
      for (byte[] frame : frames) {
        try (BgrImage decoded = pipeline.decoder().decode(frame)) {
          FaceResult result = pipeline.process(decoded);
          if (!result.accepted()) {
            return noFace(userId, result.timings(), start, context);
          }
          if (passive == null) {
            passive = passiveLiveness(decoded, result.subject().orElseThrow());
            firstStages = result.timings();
          }
          Landmarks points = result.subject().orElseThrow().landmarks();
          embeddings.add(result.embedding().orElseThrow());
          landmarks.add(points);
          try (AlignedFace aligned = engine.aligner().align(decoded, points)) {
            appearances.add(MirrorReplayCheck.Appearance.of(aligned, points));
          }
        }
      }
      boolean sameFace = embeddings.stream().allMatch(e -> e.cosine(embeddings.get(0)) >= threshold());
      boolean turned = HeadTurn.followed(challenge.instruction(), landmarks)
          && !MirrorReplayCheck.mirrored(appearances);
      String check = "challenge:" + challenge.instruction().name().toLowerCase(Locale.ROOT);
      List<String> checks = new ArrayList<>(passive.checks());
      checks.add(check);
      LivenessResult liveness =
          new LivenessResult(passive.score(), passive.live() && sameFace && turned, passive.threshold(), checks);
      return decide(userId, embeddings.get(0), liveness, passive.live(), sameFace && turned, firstStages, start,
          context);
    });
  }

  /**
   * Forgets the failed attempts and any lock of {@code userId} (an operator's unlock), audited.
   *
   * @return whether there was a lock or a failure to forget
   */
  public boolean unlock(UserId userId, RequestContext context) {
    boolean cleared = attempts.clear(userId);
    record(context, AuditAction.UNLOCK, Optional.of(userId.value()), cleared ? "unlocked" : "nothing_to_unlock",
        Optional.empty());
    return cleared;
  }

  /**
   * What is answered before any inference, audited: an unknown user (when unknown users are not hidden, else
   * nothing), a disabled one, or a locked id; otherwise an attempt slot is now reserved.
   */
  private Optional<VerificationResult> refuse(UserId userId, RequestContext context, long start) {
    Optional<User> user = store.user(userId);
    if (user.isEmpty() && !loginPolicy.hideUnknownUsers()) {
      record(context, AuditAction.VERIFY, Optional.of(userId.value()), "unknown_user", Optional.empty());
      throw new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + userId + "' is enrolled.");
    }
    if (user.isPresent() && user.get().status() == UserStatus.DISABLED) {
      record(context, AuditAction.VERIFY, Optional.of(userId.value()), "user_disabled", Optional.empty());
      return Optional.of(new VerificationResult(
          userId, VerificationOutcome.USER_DISABLED, Optional.empty(), threshold(), millisSince(start),
          StageTimings.ZERO, Optional.empty(), Optional.empty()));
    }
    Optional<Instant> lockedUntil = attempts.reserve(userId, loginPolicy, clock.instant());
    if (lockedUntil.isPresent()) {
      record(context, AuditAction.VERIFY, Optional.of(userId.value()), "locked", Optional.empty());
      return Optional.of(new VerificationResult(
          userId, VerificationOutcome.LOCKED, Optional.empty(), threshold(), millisSince(start), StageTimings.ZERO,
          Optional.empty(), lockedUntil));
    }
    return Optional.empty();
  }

  /**
   * Runs an attempt whose slot is reserved and settles it: a match succeeds, any other outcome fails (and may lock
   * the id, audited), an exception or error (out of memory included) releases the slot uncounted.
   */
  private VerificationResult settled(UserId userId, RequestContext context, Supplier<VerificationResult> attempt) {
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
      attempts.fail(userId, loginPolicy, clock.instant()).ifPresent(until -> record(
          context, AuditAction.LOCKOUT, Optional.of(userId.value()), "locked_for_" + loginPolicy.lock().toSeconds()
              + "s", Optional.empty()));
    }
    return result;
  }

  private VerificationResult noFace(UserId userId, StageTimings stages, long start, RequestContext context) {
    record(context, AuditAction.VERIFY, Optional.of(userId.value()), "no_face", Optional.empty());
    return new VerificationResult(
        userId, VerificationOutcome.NO_FACE, Optional.empty(), threshold(), millisSince(start), stages,
        Optional.empty(), Optional.empty());
  }

  /**
   * The decision on a probe face: a failed challenge first, then a face the policy finds not live, then the best score
   * over the user's templates against the threshold. A user id that is not enrolled (reached only when unknown users
   * are hidden) has no score: a no-match, audited as {@code unknown_user}.
   *
   * @throws FaceAuthException {@link ErrorCode#NO_TEMPLATES_FOR_MODEL} if the user has no template of this model
   */
  private VerificationResult decide(
      UserId userId, Embedding probe, LivenessResult liveness, boolean passiveLive, boolean challengeFollowed,
      StageTimings stages, long start, RequestContext context) {
    OptionalDouble score = index.scoreUser(userId, probe);
    boolean known = score.isPresent() || store.user(userId).isPresent();
    if (!known && !loginPolicy.hideUnknownUsers()) {
      throw new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + userId + "' is enrolled.");
    }
    if (known && score.isEmpty()) {
      throw new FaceAuthException(
          ErrorCode.NO_TEMPLATES_FOR_MODEL,
          "User '" + userId + "' has no template made by " + index.modelId() + "; enroll them again.");
    }
    VerificationOutcome outcome;
    if (!challengeFollowed) {
      outcome = VerificationOutcome.CHALLENGE_FAILED;
    } else if (livenessPolicy.required() && !passiveLive) {
      outcome = VerificationOutcome.SPOOF;
    } else if (known && score.getAsDouble() >= threshold()) {
      outcome = VerificationOutcome.MATCH;
    } else {
      outcome = VerificationOutcome.NO_MATCH;
    }
    Optional<Double> best = known ? Optional.of(score.getAsDouble()) : Optional.empty();
    String audited = known || outcome != VerificationOutcome.NO_MATCH
        ? outcome.name().toLowerCase(Locale.ROOT) : "unknown_user";
    record(context, AuditAction.VERIFY, Optional.of(userId.value()), audited, best);
    return new VerificationResult(
        userId, outcome, best, threshold(), millisSince(start), stages, Optional.of(liveness), Optional.empty());
  }

  /** The passive liveness verdict on {@code face}. */
  public LivenessResult passiveLiveness(BgrImage image, DetectedFace face) {
    LivenessCheck check = engine.liveness();
    double score = check.score(image, face);
    return new LivenessResult(
        score, score >= livenessPolicy.threshold(), livenessPolicy.threshold(), List.of("passive:" + check.id()));
  }

  /**
   * Finds who the face in {@code image} belongs to: the enrolled, active users at or above the threshold, best first.
   *
   * @param topK most candidates returned
   */
  public IdentificationResult identify(byte[] image, int topK, RequestContext context) {
    if (topK < 1) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST, "topK must be at least 1 (got " + topK + ").");
    }
    long start = System.nanoTime();
    FaceResult result = engine.verificationPipeline().process(image);
    if (!result.accepted()) {
      record(context, AuditAction.IDENTIFY, Optional.empty(), "no_face", Optional.empty());
      return new IdentificationResult(false, List.of(), threshold(), millisSince(start), result.timings());
    }
    List<IndexHit> candidates = new ArrayList<>();
    for (IndexHit hit : index.search(result.embedding().orElseThrow(), topK)) {
      if (hit.score() >= threshold()
          && store.user(hit.user()).map(u -> u.status() == UserStatus.ACTIVE).orElse(false)) {
        candidates.add(hit);
      }
    }
    Optional<String> subject = candidates.stream().findFirst().map(h -> h.user().value());
    record(context, AuditAction.IDENTIFY, subject, subject.isPresent() ? "match" : "unknown",
        candidates.stream().findFirst().map(IndexHit::score));
    return new IdentificationResult(true, candidates, threshold(), millisSince(start), result.timings());
  }

  /**
   * Erases a user: database rows, files under dataset/, and their place in the index. The audit log keeps a
   * pseudonymous record that an erasure happened.
   *
   * @return whether the user existed
   */
  public boolean erase(UserId userId, RequestContext context) {
    return underUserLock(userId, () -> {
      Optional<String> pseudonym = store.erase(userId);
      archive.erase(userId);
      index.replace(userId, List.of());
      record(context, AuditAction.ERASE, pseudonym, pseudonym.isPresent() ? "erased" : "not_found",
          Optional.empty());
      return pseudonym.isPresent();
    });
  }

  /**
   * Registers a person before their first enrollment.
   *
   * @throws FaceAuthException {@link ErrorCode#USER_EXISTS} if the id is taken
   */
  public User createUser(UserId userId, UserProfile profile, RequestContext context) {
    return underUserLock(userId, () -> {
      User user = store.create(userId, profile);
      record(context, AuditAction.CREATE_USER, Optional.of(userId.value()), "created", Optional.empty());
      return user;
    });
  }

  /** Every enrolled user. */
  public List<User> users() {
    return store.users();
  }

  /** One user, if enrolled. */
  public Optional<User> user(UserId userId) {
    return store.user(userId);
  }

  /** Rebuilds the whole index from the store (after a bulk change such as a restore). */
  public void reloadIndex() {
    Map<UserId, List<Embedding>> byUser = new HashMap<>();
    store.forEachTemplate(t -> byUser.computeIfAbsent(t.user(), u -> new ArrayList<>()).add(t.embedding()));
    index.clear();
    byUser.forEach(index::replace);
  }

  private void onRemoteChange(UserId user) {
    if (user == null) {
      reloadIndex();
    } else {
      underUserLock(user, () -> {
        refreshIndex(user);
        return null;
      });
    }
  }

  private void refreshIndex(UserId user) {
    index.replace(user, store.templates(user).stream().map(Template::embedding).toList());
  }

  /**
   * One person, one account: refuses when more than half of the new faces each match the same other user at or above
   * the threshold. Requiring a majority rather than any single face keeps the chance coincidences of a 1:N search
   * from refusing honest people (on faces-dev: no false refusal instead of 11 of 119 users, with 115 of 116 true
   * re-enrollments still caught).
   */
  private void refuseDuplicates(UserId user, List<Template> templates, RequestContext context) {
    Map<UserId, Integer> matches = new HashMap<>();
    Map<UserId, Double> best = new HashMap<>();
    for (Template template : templates) {
      for (IndexHit hit : index.search(template.embedding(), DUPLICATE_CANDIDATES)) {
        if (!hit.user().equals(user) && hit.score() >= threshold()) {
          matches.merge(hit.user(), 1, Integer::sum);
          best.merge(hit.user(), hit.score(), Math::max);
        }
      }
    }
    for (Map.Entry<UserId, Integer> other : matches.entrySet()) {
      if (other.getValue() * 2 > templates.size()) {
        record(context, AuditAction.ENROLL, Optional.of(user.value()), Optional.of(other.getKey().value()),
            "duplicate_face", Optional.of(best.get(other.getKey())));
        throw new FaceAuthException(
            ErrorCode.DUPLICATE_FACE,
            "This face is already enrolled under another account; one person may hold one account. "
                + "An operator can override this.");
      }
    }
  }

  private ImageVerdict verdict(int index, FaceResult result) {
    Optional<Double> quality = result.subject().map(DetectedFace::score);
    return switch (result.outcome()) {
      case ACCEPTED -> new ImageVerdict(index, true, List.of(), List.of(), quality);
      case NO_FACE -> new ImageVerdict(
          index, false, List.of(QualityIssue.NO_FACE.name()), List.of(QualityIssue.NO_FACE.advice()), quality);
      case LOW_QUALITY -> {
        List<QualityIssue> issues = result.quality().orElseThrow().issues();
        yield new ImageVerdict(
            index, false, issues.stream().map(Enum::name).toList(),
            issues.stream().map(QualityIssue::advice).toList(), quality);
      }
    };
  }

  private byte[] alignedJpeg(FacePipeline pipeline, byte[] image, DetectedFace face) {
    try (BgrImage decoded = pipeline.decoder().decode(image);
        AlignedFace aligned = engine.aligner().align(decoded, face.landmarks())) {
      return aligned.jpeg();
    }
  }

  private void record(
      RequestContext context, AuditAction action, Optional<String> subject, String outcome, Optional<Double> score) {
    record(context, action, subject, Optional.empty(), outcome, score);
  }

  private void record(
      RequestContext context, AuditAction action, Optional<String> subject, Optional<String> relatedSubject,
      String outcome, Optional<Double> score) {
    audit.record(new AuditEvent(
        clock.instant(), context.actor(), action, subject, relatedSubject, outcome, score, context.requestId(),
        context.clientAddress()));
  }

  private <T> T underUserLock(UserId user, Supplier<T> action) {
    ReentrantLock lock = userLocks[Math.floorMod(user.hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  /** Stops following other nodes' changes. The engine, store and audit log belong to the caller. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED, "Cannot stop listening for changes: " + e.getMessage(), e);
    }
  }
}
