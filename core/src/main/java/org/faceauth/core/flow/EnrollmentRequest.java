package org.faceauth.core.flow;

import java.util.List;
import java.util.Objects;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;

/**
 * A request to enroll (or re-enroll) a person.
 *
 * @param user the person's id
 * @param profile name, email, consent already recorded elsewhere
 * @param images encoded photos, 1 to the configured maximum
 * @param replace whether existing templates are replaced rather than added to
 * @param allowDuplicate enroll even when the face already matches another user (an operator's explicit override)
 * @param createUser create the user when the id does not exist yet (otherwise such an enrollment is refused)
 * @param consent the person consents, in this request, to the processing of their face (recorded with its time)
 * @param onePerson the images must all show one person ({@link org.faceauth.core.match.Matcher#oneIdentity}), as an
 *     invitation's sitting must; an operator's enrollment need not
 */
public record EnrollmentRequest(
    UserId user, UserProfile profile, List<byte[]> images, boolean replace, boolean allowDuplicate,
    boolean createUser, boolean consent, boolean onePerson) {
  public EnrollmentRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(profile, "profile");
    images = List.copyOf(images);
  }

  /** An operator's enrollment: the images need not be checked to show one person. */
  public EnrollmentRequest(
      UserId user, UserProfile profile, List<byte[]> images, boolean replace, boolean allowDuplicate,
      boolean createUser, boolean consent) {
    this(user, profile, images, replace, allowDuplicate, createUser, consent, false);
  }

  /**
   * An enrollment that creates the user if new, with consent only as {@code profile} records it: the CLI's
   * operator-run imports and the flow tests, under a policy that does not require consent.
   */
  public EnrollmentRequest(
      UserId user, UserProfile profile, List<byte[]> images, boolean replace, boolean allowDuplicate) {
    this(user, profile, images, replace, allowDuplicate, true, false, false);
  }

  /** A first enrollment creating the user, no profile, no consent recorded, no overrides. */
  public static EnrollmentRequest of(UserId user, List<byte[]> images) {
    return new EnrollmentRequest(user, UserProfile.EMPTY, images, false, false);
  }
}
