package org.faceauth.core.flow;

import java.util.List;
import org.faceauth.core.user.User;

/**
 * A successful enrollment.
 *
 * @param user the user as stored now
 * @param verdicts one per image, in request order
 * @param templatesAdded how many templates this request stored
 */
public record EnrollmentResult(User user, List<ImageVerdict> verdicts, int templatesAdded) {
  public EnrollmentResult {
    verdicts = List.copyOf(verdicts);
  }
}
