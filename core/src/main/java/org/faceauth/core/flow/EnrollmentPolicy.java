package org.faceauth.core.flow;

import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserProfile;

/**
 * Who may be enrolled: an id that does not exist only when the request asks for the user to be created, and (when
 * consent is required, the default) only a person whose consent is recorded or given in the request. Checked before
 * any inference.
 *
 * @param consentRequired whether an enrollment needs the person's recorded consent
 */
public record EnrollmentPolicy(boolean consentRequired) {
  /** The server's default: consent required. */
  public static final EnrollmentPolicy CONSENT_REQUIRED = new EnrollmentPolicy(true);

  /** Consent recorded when given, never required: the CLI's operator-run imports of photo folders. */
  public static final EnrollmentPolicy CONSENT_OPTIONAL = new EnrollmentPolicy(false);

  /**
   * The profile to store for {@code request}, with the consent time set when consent is given now.
   *
   * @param existing the user as stored, if the id exists
   * @throws FaceAuthException {@link ErrorCode#USER_NOT_FOUND} for an unknown id without {@code createUser};
   *     {@link ErrorCode#CONSENT_REQUIRED} when consent is required and neither recorded nor given
   */
  public UserProfile admit(Optional<User> existing, EnrollmentRequest request, Instant now) {
    if (existing.isEmpty() && !request.createUser()) {
      throw new FaceAuthException(ErrorCode.USER_NOT_FOUND,
          "No user '" + request.user() + "' exists; create the user first, or ask for the user to be created with "
              + "this enrollment (createUser).");
    }
    UserProfile profile = request.profile();
    boolean recorded = profile.consentAt().isPresent()
        || existing.flatMap(u -> u.profile().consentAt()).isPresent();
    if (consentRequired && !recorded && !request.consent()) {
      throw new FaceAuthException(ErrorCode.CONSENT_REQUIRED,
          "User '" + request.user() + "' has not consented to the processing of their face; record their consent "
              + "(consent) before enrolling.");
    }
    if (request.consent() && profile.consentAt().isEmpty()) {
      return new UserProfile(profile.displayName(), profile.email(), Optional.of(now));
    }
    return profile;
  }
}
