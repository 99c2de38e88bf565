package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.evaluation.DatasetHalf;
import org.faceauth.core.evaluation.FaceDataset;
import org.faceauth.core.evaluation.FaceDataset.LabelledImage;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate-face rule (one person, one account: refused when more than half of the new faces match one other
 * user) on faces-dev's check half, people the rule was not chosen on (it was chosen on the calibration half, see
 * README): every honest enrollment passes, and a person enrolling their other photos under a second account is caught.
 */
class DuplicateFaceRuleTest {
  private static final RequestContext CONTEXT = RequestContext.cli();

  @TempDir Path folder;

  @Test
  void onTheCheckHalfNoHonestEnrollmentIsRefusedAndNearlyEveryReEnrollmentIsCaught() {
    FaceDataset check = FaceDataset.read(TestData.dataDir()).half(DatasetHalf.CHECK);
    try (TestSystem test = new TestSystem(BackendKind.SQLITE, folder)) {
      FaceAuthService service = test.service();
      List<String> falselyRefused = new ArrayList<>();
      for (Map.Entry<String, List<Path>> user : check.enrollment().entrySet()) {
        if (attempt(service, UserId.of(user.getKey()), photos(user.getValue())) == Attempt.DUPLICATE) {
          falselyRefused.add(user.getKey());
        }
      }
      int reEnrollments = 0;
      List<String> missed = new ArrayList<>();
      for (String person : check.enrollment().keySet()) {
        List<Path> known = check.known().stream()
            .filter(probe -> probe.identity().equals(person)).map(LabelledImage::path).toList();
        UserId second = UserId.of("again-" + person);
        Attempt attempt = known.isEmpty() ? Attempt.NO_FACE : attempt(service, second, photos(known));
        if (attempt != Attempt.NO_FACE) {
          reEnrollments++;
        }
        if (attempt == Attempt.STORED) {
          missed.add(person);
          service.erase(second, CONTEXT);
        }
      }
      System.out.printf("[duplicates] check half: %d of %d honest enrollments refused %s; %d of %d re-enrollments "
          + "missed %s%n", falselyRefused.size(), check.enrollment().size(), falselyRefused, missed.size(),
          reEnrollments, missed);
      assertThat(falselyRefused).as("honest enrollments refused as duplicates").isEmpty();
      assertThat(reEnrollments).isGreaterThan(check.enrollment().size() / 2);
      assertThat((double) missed.size() / reEnrollments).as("share of re-enrollments missed").isLessThanOrEqualTo(0.05);
    }
  }

  private enum Attempt { STORED, DUPLICATE, NO_FACE }

  private static Attempt attempt(FaceAuthService service, UserId user, List<byte[]> images) {
    try {
      service.enroll(EnrollmentRequest.of(user, images), CONTEXT);
      return Attempt.STORED;
    } catch (EnrollmentRejectedException e) {
      return Attempt.NO_FACE;
    } catch (FaceAuthException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_FACE);
      return Attempt.DUPLICATE;
    }
  }

  private static List<byte[]> photos(List<Path> files) {
    return files.stream().limit(FaceAuthService.MAX_ENROLLMENT_IMAGES).map(Faces::read).toList();
  }
}
