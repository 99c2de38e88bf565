package org.faceauth.core.flow;

import java.util.List;
import java.util.Objects;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;

/**
 * A request to enroll (or re-enroll) a person.
 *
 * @param user the person's id
 * @param profile name, email, consent
 * @param images encoded photos, 1 to the configured maximum
 * @param replace whether existing templates are replaced rather than added to
 * @param allowDuplicate enroll even when the face already matches another user (an operator's explicit override)
 */
public record EnrollmentRequest(
    UserId user, UserProfile profile, List<byte[]> images, boolean replace, boolean allowDuplicate) {
  public EnrollmentRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(profile, "profile");
    images = List.copyOf(images);
  }

  /** A first enrollment with no profile and no overrides. */
  public static EnrollmentRequest of(UserId user, List<byte[]> images) {
    return new EnrollmentRequest(user, UserProfile.EMPTY, images, false, false);
  }
}
