package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With raw retention on, an enrollment's files and rows are kept together or not at all, and a failure is audited:
 * a file that cannot be written, or one that cannot be put in place after others were, leaves no user, no template,
 * no file (temporary or not).
 */
class EnrollmentFilesAtomicityTest {
  @TempDir Path folder;

  private static TestSystem retaining(BackendKind kind, Path folder) {
    return new TestSystem(kind, folder, s -> s.withRawRetention(Duration.ofDays(7)).withDebugCrops(true));
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aFileThatCannotBeWrittenLeavesNoRowNoFileAndIsAudited(BackendKind kind) throws Exception {
    try (TestSystem test = retaining(kind, folder)) {
      UserId user = Faces.user(0);
      Path uploads = test.system().dataset().uploadsOf(user);
      Files.createDirectories(uploads.getParent());
      Files.writeString(uploads, "a file where the user's folder should be");

      assertThatThrownBy(() -> test.service().enroll(EnrollmentRequest.of(user, Faces.enrollment(0)),
              RequestContext.cli()))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DATASET_IO_FAILED));

      assertNothingKept(test, user);
      assertThat(regularFiles(test.system().dataset().root())).containsExactly(uploads);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aFileThatCannotBePutInPlaceAfterTheUploadsWereLeavesNoRowNoFileAndIsAudited(BackendKind kind)
      throws Exception {
    try (TestSystem test = retaining(kind, folder)) {
      UserId user = Faces.user(0);
      Path blockedCrop = test.system().dataset().cropOf(user);
      Files.createDirectories(blockedCrop);
      Files.writeString(blockedCrop.resolve("keep"), "a folder where the crop should go");

      assertThatThrownBy(() -> test.service().enroll(EnrollmentRequest.of(user, Faces.enrollment(0)),
              RequestContext.cli()))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DATASET_IO_FAILED));

      assertNothingKept(test, user);
      assertThat(regularFiles(test.system().dataset().root())).containsExactly(blockedCrop.resolve("keep"));
      assertThat(test.system().dataset().uploadsOf(user)).doesNotExist();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aSuccessfulEnrollmentKeepsItsUploadsAndCropUnderTheirNamesAndNoTemporaryFile(BackendKind kind)
      throws Exception {
    try (TestSystem test = retaining(kind, folder)) {
      UserId user = Faces.user(0);
      List<byte[]> photos = Faces.enrollment(0);
      test.service().enroll(EnrollmentRequest.of(user, photos), RequestContext.cli());

      assertThat(test.system().dataset().uploadsOf(user).resolve("1.jpg")).hasBinaryContent(photos.get(0));
      assertThat(test.system().dataset().cropOf(user)).isRegularFile();
      assertThat(regularFiles(test.system().dataset().root()))
          .hasSize(photos.size() + 1)
          .noneMatch(p -> p.getFileName().toString().startsWith(".staged-"));
    }
  }

  private static void assertNothingKept(TestSystem test, UserId user) {
    assertThat(test.service().user(user)).isEmpty();
    assertThat(test.system().store().templates(user)).isEmpty();
    assertThat(test.service().index().users()).doesNotContainKey(user);
    AuditEvent last = test.system().auditLog().recent(1).get(0);
    assertThat(last.action()).isEqualTo(AuditAction.ENROLL);
    assertThat(last.subject()).contains(user.value());
    assertThat(last.outcome()).isEqualTo("failed:dataset_io_failed");
  }

  private static List<Path> regularFiles(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
