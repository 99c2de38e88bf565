package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.template.Template;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.jdbc.JdbcTemplateStore;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Enrollment is one transaction: an error or a crash midway leaves no half-enrolled user. */
class EnrollmentAtomicityTest {
  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anErrorMidwayThroughStoringTemplatesLeavesNothing(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      JdbcTemplateStore store = test.system().store();
      UserId user = UserId.of("half-enrolled");
      Template first = CrashDuringEnrollment.randomTemplate(user, 1);
      Template sameIdAgain = CrashDuringEnrollment.randomTemplate(user, 1);

      assertThatThrownBy(() -> store.enroll(user, UserProfile.EMPTY, List.of(first, sameIdAgain), false))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILED));

      assertThat(store.user(user)).isEmpty();
      assertThat(store.users()).isEmpty();
      assertThat(store.templates(user)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aProcessKilledMidwayThroughEnrollmentLeavesNothingAndTheDatabaseUsable(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      Process child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              CrashDuringEnrollment.class.getName(), test.backend().url(), test.settings().keyFile().toString())
          .redirectErrorStream(true)
          .start();
      String output = new String(child.getInputStream().readAllBytes());
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(output).isEqualTo(41);

      FaceAuthSystem after = test.open(test.settings());
      UserId victim = UserId.of("crash-victim");
      assertThat(after.store().user(victim)).isEmpty();
      assertThat(after.store().templates(victim)).isEmpty();
      after.store().enroll(victim, UserProfile.EMPTY, List.of(CrashDuringEnrollment.randomTemplate(victim, 7)), false);
      assertThat(after.store().user(victim).orElseThrow().templates()).isEqualTo(1);
    }
  }
}
