package org.faceauth.server.invitations;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.faceauth.core.view.ImageVerdictView;
import org.faceauth.store.invitations.Invitation;

/** The request and answer bodies of the invitation routes (admin and enrollment page). */
final class InvitationViews {
  private InvitationViews() {}

  /**
   * {@code POST /api/v1/admin/invitations}: the user id, and optionally a display name, a lifetime, and {@code
   * replaceExisting} (the user already has a face enrolled and the invited person's face replaces it; without it such
   * a user id is refused with {@code USER_ALREADY_ENROLLED}).
   */
  record CreateInvitation(String userId, String displayName, Integer expiresInMinutes, Boolean replaceExisting) {}

  /** An invitation as operators see it: never its secret. */
  record InvitationView(
      String id, String userId, String displayName, String status, Instant createdAt, Instant expiresAt,
      Instant openedAt, Instant consentedAt, Instant usedAt, Instant revokedAt, boolean replaceExisting) {
    static InvitationView of(Invitation invitation, Instant now) {
      return new InvitationView(invitation.id(), invitation.userId(), invitation.displayName().orElse(null),
          invitation.status(now).name().toLowerCase(Locale.ROOT), invitation.createdAt(),
          invitation.expiresAt(), invitation.openedAt().orElse(null), invitation.consentedAt().orElse(null),
          invitation.usedAt().orElse(null), invitation.revokedAt().orElse(null), invitation.replaceExisting());
    }
  }

  /** A new invitation and its link, which holds the secret and is shown in this answer only. */
  record IssuedInvitation(InvitationView invitation, String url) {}

  /** Invitations, newest first. */
  record InvitationList(List<InvitationView> items) {}

  /**
   * What the enrollment page shows the invited person: who is invited, until when, the consent text, whether they
   * accepted it, how many frames an enrollment takes, and whether it replaces a face already enrolled.
   */
  record InvitationDetails(
      String userId, String displayName, Instant expiresAt, String consentText, boolean consented, int minFrames,
      int maxFrames, boolean replacesExisting) {}

  /** {@code POST /api/v1/invitation/consent}: the person accepts the consent text shown. */
  record Consent(Boolean consent) {}

  /** {@code POST /api/v1/invitation/check}: one camera frame as base64 (JPEG or PNG). */
  record Frame(String image) {}

  /**
   * The quality gate's verdict on one frame, for live advice: accepted or not, the issues' codes and advice, and
   * where the head points (turn: negative left, positive right of the camera's view; tilt: negative up), as fractions
   * of the distance between the eyes, when a face was found.
   */
  record FrameCheck(boolean accepted, List<String> issues, List<String> advice, Double turn, Double tilt) {}

  /** {@code POST /api/v1/invitation/enroll}: consent repeated, and the accepted frames as base64. */
  record EnrollFrames(Boolean consent, List<String> frames) {}

  /** The enrollment's outcome: templates stored, and each frame's verdict. */
  record Enrolled(String userId, int templatesStored, List<ImageVerdictView> frames) {}
}
