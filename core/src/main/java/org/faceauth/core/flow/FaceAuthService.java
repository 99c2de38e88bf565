package org.faceauth.core.flow;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.ChallengeBook;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.liveness.MirrorReplayCheck;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;

/**
 * The one entry point the server and the CLI call for FaceAuth's flows; each flow lives in a class of its own:
 * {@link Enrollment} (with the duplicate-face policy), {@link Verification} (with the active challenge, behind the
 * lockout of {@link LoginGuard}), {@link Identification}, {@link Erasure}, and the {@link IndexSynchroniser} that keeps
 * the in-memory {@link TemplateIndex} equal to the {@link TemplateStore}, other nodes' changes included. Writes for
 * one user are serialised; every flow writes an audit event. Thread-safe.
 */
public final class FaceAuthService implements AutoCloseable {
  /** Most images one enrollment request may carry. */
  public static final int MAX_ENROLLMENT_IMAGES = Enrollment.MAX_IMAGES;

  /** Most frames one challenge burst may carry. */
  public static final int MAX_CHALLENGE_FRAMES = Verification.MAX_CHALLENGE_FRAMES;

  private final FaceEngine engine;
  private final TemplateStore store;
  private final IndexSynchroniser index;
  private final LoginGuard guard;
  private final Enrollment enrollment;
  private final Verification verification;
  private final Identification identification;
  private final Erasure erasure;

  /**
   * Loads the index from {@code store} and starts following other nodes' changes.
   *
   * @param livenessPolicy whether verification requires a live face
   * @param loginPolicy the lockout and whether unknown users are hidden
   * @param attempts where verification attempts are counted
   * @param enrollmentPolicy whether enrollment needs recorded consent
   * @param challenges where open active-liveness challenges are kept
   */
  public FaceAuthService(
      FaceEngine engine, TemplateStore store, AuditLog audit, FaceArchive archive, Clock clock,
      LivenessPolicy livenessPolicy, LoginPolicy loginPolicy, LoginAttempts attempts,
      EnrollmentPolicy enrollmentPolicy, ChallengeBook challenges) {
    this.engine = engine;
    this.store = store;
    FlowAudit flowAudit = new FlowAudit(audit, clock);
    UserLocks locks = new UserLocks();
    var model = engine.config().embeddingModel();
    this.index = new IndexSynchroniser(store, new TemplateIndex(model.versionedId(), model.dimensions()), locks);
    this.guard = new LoginGuard(store, loginPolicy, attempts, clock, engine.threshold(), flowAudit);
    this.enrollment = new Enrollment(engine, store, archive, clock, locks, index, flowAudit, enrollmentPolicy);
    this.verification = new Verification(engine, store, index, guard, loginPolicy,
        new PassiveLiveness(engine, livenessPolicy), challenges, flowAudit);
    this.identification = new Identification(engine, store, index, flowAudit);
    this.erasure = new Erasure(store, archive, index.index(), locks, flowAudit);
  }

  /** The decision threshold in force. */
  public double threshold() {
    return engine.threshold();
  }

  /** The in-memory index (read-only use: size, users). */
  public TemplateIndex index() {
    return index.index();
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
    return enrollment.enroll(request, context);
  }

  /**
   * Verifies that the face in {@code image} is {@code userId}'s. The attempt first reserves a slot in the lockout
   * ledger (a {@link VerificationOutcome#LOCKED} result when none is left); a match frees it, any other outcome counts
   * as a failure. An unknown user id is answered like a no-match after running the pipeline, and counted the same,
   * when the policy hides unknown users.
   *
   * @throws FaceAuthException {@link ErrorCode#USER_NOT_FOUND} or {@link ErrorCode#USER_NOT_ENROLLED} (only when
   *     unknown users are not hidden), {@link ErrorCode#NO_TEMPLATES_FOR_MODEL}, or an invalid-image code
   */
  public VerificationResult verify(UserId userId, byte[] image, RequestContext context) {
    return verification.verify(userId, image, context);
  }

  /**
   * A new active liveness challenge (one-time nonce, instruction, expiry) for {@code userId}'s verification, which
   * only the same caller ({@link RequestContext#actor()}) may answer. Issued for any well-formed id, known or not.
   */
  public Challenge issueChallenge(UserId userId, RequestContext context) {
    return verification.issueChallenge(userId, context);
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
    return verification.verifyChallenge(userId, nonce, frames, context);
  }

  /**
   * Forgets the failed attempts and any lock of {@code userId} (an operator's unlock), audited.
   *
   * @return whether there was a lock or a failure to forget
   */
  public boolean unlock(UserId userId, RequestContext context) {
    return guard.unlock(userId, context);
  }

  /**
   * Finds who the face in {@code image} belongs to: the enrolled, active users at or above the threshold, best first.
   *
   * @param topK most candidates returned, 1 to 100 (more is refused as {@link ErrorCode#INVALID_REQUEST})
   */
  public IdentificationResult identify(byte[] image, int topK, RequestContext context) {
    return identification.identify(image, topK, context);
  }

  /**
   * Erases a user: database rows, files under dataset/, and their place in the index. The audit log keeps a
   * pseudonymous record that an erasure happened.
   *
   * @return whether the user existed
   */
  public boolean erase(UserId userId, RequestContext context) {
    return erasure.erase(userId, context);
  }

  /**
   * Registers a person before their first enrollment.
   *
   * @throws FaceAuthException {@link ErrorCode#USER_EXISTS} if the id is taken
   */
  public User createUser(UserId userId, UserProfile profile, RequestContext context) {
    return enrollment.createUser(userId, profile, context);
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
    index.reload();
  }

  /** Stops following other nodes' changes. The engine, store and audit log belong to the caller. */
  @Override
  public void close() {
    index.close();
  }
}
