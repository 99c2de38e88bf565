package org.faceauth.core.view;

import java.util.List;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.ImageVerdict;
import org.faceauth.core.user.UserId;

/** The result of an enrollment: templates added now and in all, and each image's verdict. */
public record EnrollmentView(String userId, int templatesAdded, int templates, List<ImageVerdictView> images) {
  public static EnrollmentView of(EnrollmentResult result) {
    return new EnrollmentView(result.user().id().value(), result.templatesAdded(), result.user().templates(),
        verdicts(result.verdicts()));
  }

  /** An enrollment in which every image was refused: nothing added. */
  public static EnrollmentView refused(UserId user, List<ImageVerdict> verdicts) {
    return new EnrollmentView(user.value(), 0, 0, verdicts(verdicts));
  }

  public static List<ImageVerdictView> verdicts(List<ImageVerdict> verdicts) {
    return verdicts.stream().map(ImageVerdictView::of).toList();
  }
}
