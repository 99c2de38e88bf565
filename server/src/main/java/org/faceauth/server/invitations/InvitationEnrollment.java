package org.faceauth.server.invitations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.protection.InferenceLimiter;
import org.faceauth.store.invitations.Invitation;
import org.faceauth.store.invitations.InvitationStore;
import org.springframework.stereotype.Component;

/**
 * What an invitation allows, in the database only (any node may answer any step): opening it, recording the person's
 * consent, and one enrollment through the core flow ({@link FaceAuthService#enroll}: quality gate, duplicate policy,
 * consent, audit). The enrollment consumes the invitation first, with one conditional UPDATE, so that of two
 * concurrent submissions exactly one runs; if it then stores nothing (every frame refused, a duplicate face, the
 * server overloaded, pictures of more than one person: {@code FACES_DIFFER}) the invitation is given back for another
 * try. A crash in between leaves it used: closed, never
 * open twice.
 *
 * <p>An invitation for a user who already has templates needs the operator's {@code replaceExisting}, at creation
 * and again here (templates enrolled after the invitation was made count too). The enrollment replaces the user's
 * templates: an invitation stands for one sitting of the person, attested by
 * their consent, and templates from an older sitting (or another person) do not survive it. A new user id is created
 * with the invitation's display name.
 */
@Component
final class InvitationEnrollment {
  /** Fewest frames an invited enrollment takes: more than one moment. */
  static final int MIN_FRAMES = 3;

  /** Most frames, as the core enrollment allows. */
  static final int MAX_FRAMES = FaceAuthService.MAX_ENROLLMENT_IMAGES;

  private final InvitationStore invitations;
  private final FaceAuthService service;
  private final InferenceLimiter limiter;
  private final InvitationAudit audit;
  private final Clock clock;

  InvitationEnrollment(InvitationStore invitations, FaceAuthService service, InferenceLimiter limiter,
      InvitationAudit audit, Clock clock) {
    this.invitations = invitations;
    this.service = service;
    this.limiter = limiter;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The invitation as stored now, if it is still pending.
   *
   * @throws ApiException {@code INVITATION_USED}, {@code INVITATION_REVOKED} or {@code INVITATION_EXPIRED}
   */
  Invitation pending(Invitation held) {
    Invitation now = invitations.byId(held.id()).orElseThrow(() -> refusal(Invitation.Status.REVOKED));
    Invitation.Status status = now.status(clock.instant());
    if (status != Invitation.Status.PENDING) {
      throw refusal(status);
    }
    return now;
  }

  /** Opens a pending invitation (audited). */
  Invitation open(Invitation held, RequestContext context) {
    Invitation invitation = pending(held);
    boolean first = invitations.markOpened(invitation.id());
    audit.record(context, AuditAction.OPEN_INVITATION, invitation.userId(), first ? "opened" : "reopened",
        invitation.id());
    return invitation;
  }

  /** Records the person's consent on a pending invitation (audited). */
  Invitation consent(Invitation held, RequestContext context) {
    Invitation invitation = pending(held);
    if (!invitations.recordConsent(invitation.id())) {
      throw refusal(invitations.byId(invitation.id()).map(i -> i.status(clock.instant()))
          .orElse(Invitation.Status.REVOKED));
    }
    audit.record(context, AuditAction.CONSENT_INVITATION, invitation.userId(), "consented", invitation.id());
    return pending(invitation);
  }

  /**
   * Enrolls {@code frames} as the invited user, consuming the invitation.
   *
   * @throws FaceAuthException {@link ErrorCode#CONSENT_REQUIRED} unless consent was recorded on the invitation and is
   *     repeated here; {@link ErrorCode#INVALID_REQUEST} for fewer than {@value #MIN_FRAMES} or more than
   *     {@value #MAX_FRAMES} frames; {@link ErrorCode#USER_ALREADY_ENROLLED} when the user has templates (enrolled
   *     since the invitation was made) and the invitation does not say it replaces them; {@link
   *     ErrorCode#FACES_DIFFER} when the frames show more than one person, and the core enrollment's other failures
   *     (then the invitation is given back)
   * @throws ApiException {@code INVITATION_USED} (also for the loser of two concurrent submissions),
   *     {@code INVITATION_REVOKED}, {@code INVITATION_EXPIRED}
   */
  EnrollmentResult enroll(Invitation held, boolean consent, List<byte[]> frames, RequestContext context) {
    Invitation invitation = pending(held);
    if (!consent || invitation.consentedAt().isEmpty()) {
      throw new FaceAuthException(ErrorCode.CONSENT_REQUIRED,
          "Read and accept the consent text before enrolling.");
    }
    if (frames.size() < MIN_FRAMES || frames.size() > MAX_FRAMES) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "Send " + MIN_FRAMES + " to " + MAX_FRAMES + " frames (got " + frames.size() + ").");
    }
    UserId user = UserId.of(invitation.userId());
    if (!invitation.replaceExisting() && invitations.enrolled(user)) {
      throw InvitationStore.alreadyEnrolled(user);
    }
    Instant usedAt = invitations.consume(invitation.id()).orElseThrow(() -> refusal(invitations.byId(invitation.id())
        .map(i -> i.status(clock.instant())).orElse(Invitation.Status.REVOKED)));
    EnrollmentRequest request = new EnrollmentRequest(user,
        new UserProfile(invitation.displayName(), Optional.empty(), invitation.consentedAt()), frames, true, false,
        true, true, true);
    try {
      return limiter.run(() -> service.enroll(request, context));
    } catch (RuntimeException e) {
      invitations.restore(invitation.id(), usedAt);
      throw e;
    }
  }

  private static ApiException refusal(Invitation.Status status) {
    ApiErrorCode code = switch (status) {
      case USED, PENDING -> ApiErrorCode.INVITATION_USED;
      case REVOKED -> ApiErrorCode.INVITATION_REVOKED;
      case EXPIRED -> ApiErrorCode.INVITATION_EXPIRED;
    };
    return new ApiException(code, code.sentence());
  }
}
