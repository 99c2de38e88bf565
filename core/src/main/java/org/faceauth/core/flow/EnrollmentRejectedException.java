package org.faceauth.core.flow;

import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/** No image of an enrollment was good enough; nothing was stored. Carries each image's reasons and advice. */
public final class EnrollmentRejectedException extends FaceAuthException {
  private static final long serialVersionUID = 1L;

  private final transient List<ImageVerdict> verdicts;

  public EnrollmentRejectedException(List<ImageVerdict> verdicts) {
    super(ErrorCode.ENROLLMENT_REJECTED, message(verdicts));
    this.verdicts = List.copyOf(verdicts);
  }

  public List<ImageVerdict> verdicts() {
    return verdicts;
  }

  private static String message(List<ImageVerdict> verdicts) {
    StringBuilder text = new StringBuilder("No image was good enough to enroll; nothing was stored.");
    for (ImageVerdict v : verdicts) {
      text.append(" Image ").append(v.index() + 1).append(": ").append(String.join(" ", v.advice()));
    }
    return text.toString();
  }
}
