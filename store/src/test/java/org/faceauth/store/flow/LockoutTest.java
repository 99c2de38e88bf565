package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lockout lives in the database: an attempt reserves its slot before inference, so concurrent impostors cannot
 * get more than the limit evaluated; a lock holds on every node and after a restart, and is cleared by erasure and by
 * an operator's unlock.
 */
class LockoutTest {
  private static final int MAX_FAILURES = LoginPolicy.DEFAULT.maxFailures();
  private static final int CONCURRENT = 16;

  @TempDir Path folder;

  private static long evaluated(FaceAuthSystem system, UserId user, Instant since) {
    return system.auditLog().recent(1000).stream()
        .filter(e -> e.action() == AuditAction.VERIFY && e.subject().equals(Optional.of(user.value())))
        .filter(e -> !e.at().isBefore(since))
        .filter(e -> e.score().isPresent() || e.outcome().equals("unknown_user"))
        .count();
  }

  private static void failUntilLocked(FaceAuthService service, UserId user) {
    for (int i = 0; i < MAX_FAILURES; i++) {
      assertThat(service.verify(user, Faces.stranger(), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.NO_MATCH);
    }
    assertThat(service.verify(user, Faces.stranger(), RequestContext.cli()).outcome())
        .isEqualTo(VerificationOutcome.LOCKED);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void sixteenConcurrentImpostorsGetAtMostTheLimitEvaluatedAndTheRestAreLocked(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      UserId victim = Faces.user(0);
      service.enroll(EnrollmentRequest.of(victim, Faces.enrollment(0)), RequestContext.cli());
      byte[] impostor = Faces.probe(1);
      Instant since = test.system().auditLog().recent(1).get(0).at();

      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
      List<Future<VerificationResult>> attempts = new ArrayList<>();
      try {
        for (int i = 0; i < CONCURRENT; i++) {
          attempts.add(pool.submit(() -> {
            start.await();
            return service.verify(victim, impostor, RequestContext.cli());
          }));
        }
        start.countDown();
        List<VerificationOutcome> outcomes = new ArrayList<>();
        for (Future<VerificationResult> attempt : attempts) {
          outcomes.add(attempt.get().outcome());
        }
        assertThat(outcomes).containsOnly(VerificationOutcome.NO_MATCH, VerificationOutcome.LOCKED);
        assertThat(outcomes).filteredOn(o -> o == VerificationOutcome.NO_MATCH).hasSizeLessThanOrEqualTo(MAX_FAILURES);
        assertThat(outcomes).filteredOn(o -> o == VerificationOutcome.LOCKED)
            .hasSizeGreaterThanOrEqualTo(CONCURRENT - MAX_FAILURES);
      } finally {
        pool.shutdownNow();
      }
      assertThat(evaluated(test.system(), victim, since)).isLessThanOrEqualTo(MAX_FAILURES);
      VerificationResult genuine = service.verify(victim, Faces.probe(0), RequestContext.cli());
      assertThat(genuine.outcome()).as("locked, even for the right face").isEqualTo(VerificationOutcome.LOCKED);
      assertThat(genuine.lockedUntil().orElseThrow()).isAfter(Instant.now().plusSeconds(60));
      assertThat(test.system().auditLog().recent(100)).anySatisfy(e -> {
        assertThat(e.action()).isEqualTo(AuditAction.LOCKOUT);
        assertThat(e.subject()).contains(victim.value());
      });
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aLockHoldsOnAnotherNodeAndAfterARestart(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      UserId victim = Faces.user(0);
      test.service().enroll(EnrollmentRequest.of(victim, Faces.enrollment(0)), RequestContext.cli());
      failUntilLocked(test.service(), victim);

      FaceAuthSystem restarted = test.open(test.settings());
      assertThat(restarted.service().verify(victim, Faces.probe(0), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.LOCKED);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void erasingALockedUserClearsTheLockSoANewAccountUnderTheSameIdStartsUnlocked(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      UserId id = Faces.user(0);
      service.enroll(EnrollmentRequest.of(id, Faces.enrollment(0)), RequestContext.cli());
      failUntilLocked(service, id);

      assertThat(service.erase(id, RequestContext.cli())).isTrue();
      service.enroll(EnrollmentRequest.of(id, Faces.enrollment(0)), RequestContext.cli());

      assertThat(service.verify(id, Faces.probe(0), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.MATCH);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anOperatorUnlocksALockedUserAndTheUnlockIsAudited(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      UserId id = Faces.user(0);
      service.enroll(EnrollmentRequest.of(id, Faces.enrollment(0)), RequestContext.cli());
      failUntilLocked(service, id);

      assertThat(service.unlock(id, RequestContext.cli())).isTrue();

      assertThat(service.verify(id, Faces.probe(0), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.MATCH);
      AuditEvent unlock = test.system().auditLog().recent(10).stream()
          .filter(e -> e.action() == AuditAction.UNLOCK).findFirst().orElseThrow();
      assertThat(unlock.subject()).contains(id.value());
      assertThat(unlock.outcome()).isEqualTo("unlocked");
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aSuccessForgetsEarlierFailures(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      UserId id = Faces.user(0);
      service.enroll(EnrollmentRequest.of(id, Faces.enrollment(0)), RequestContext.cli());
      for (int i = 0; i < MAX_FAILURES - 1; i++) {
        service.verify(id, Faces.stranger(), RequestContext.cli());
      }
      assertThat(service.verify(id, Faces.probe(0), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.MATCH);
      for (int i = 0; i < MAX_FAILURES - 1; i++) {
        assertThat(service.verify(id, Faces.stranger(), RequestContext.cli()).outcome())
            .isEqualTo(VerificationOutcome.NO_MATCH);
      }
      assertThat(service.verify(id, Faces.probe(0), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.MATCH);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anUnknownUserIdIsAnsweredLikeANoMatchCountedAndLockedLikeAKnownOne(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      service.enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      UserId nobody = UserId.of("nobody-here");

      VerificationResult unknown = service.verify(nobody, Faces.probe(1), RequestContext.cli());

      assertThat(unknown.outcome()).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(unknown.score()).isEmpty();
      assertThat(unknown.liveness()).as("the pipeline ran").isPresent();
      assertThat(unknown.stages().total()).isPositive();
      AuditEvent audited = test.system().auditLog().recent(1).get(0);
      assertThat(audited.action()).isEqualTo(AuditAction.VERIFY);
      assertThat(audited.subject()).contains(nobody.value());
      assertThat(audited.outcome()).isEqualTo("unknown_user");

      for (int i = 1; i < MAX_FAILURES; i++) {
        service.verify(nobody, Faces.probe(1), RequestContext.cli());
      }
      assertThat(service.verify(nobody, Faces.probe(1), RequestContext.cli()).outcome())
          .isEqualTo(VerificationOutcome.LOCKED);
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void withUnknownUsersNotHiddenAnUnknownIdIsUserNotFound(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder);
        FaceAuthSystem revealing = FaceAuthSystem.open(test.settings(), TestData.engine(), Clock.systemUTC(),
            LivenessPolicy.REPORT_ONLY, LoginPolicy.DEFAULT.withHideUnknownUsers(false))) {
      assertThatThrownBy(
              () -> revealing.service().verify(UserId.of("nobody-here"), Faces.probe(1), RequestContext.cli()))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND));
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aUserCreatedButNeverEnrolledIsAnsweredLikeAnUnknownOne(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      UserId faceless = UserId.of("created-no-face");
      test.service().createUser(faceless, UserProfile.EMPTY, RequestContext.cli());

      VerificationResult answer = test.service().verify(faceless, Faces.probe(1), RequestContext.cli());

      assertThat(answer.outcome()).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(answer.score()).isEmpty();
      assertThat(test.system().auditLog().recent(1).get(0).outcome()).isEqualTo("unknown_user");
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void withUnknownUsersNotHiddenAUserCreatedButNeverEnrolledIsUserNotEnrolled(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder);
        FaceAuthSystem revealing = FaceAuthSystem.open(test.settings(), TestData.engine(), Clock.systemUTC(),
            LivenessPolicy.REPORT_ONLY, LoginPolicy.DEFAULT.withHideUnknownUsers(false))) {
      UserId faceless = UserId.of("created-no-face");
      revealing.service().createUser(faceless, UserProfile.EMPTY, RequestContext.cli());

      assertThatThrownBy(() -> revealing.service().verify(faceless, Faces.probe(1), RequestContext.cli()))
          .isInstanceOfSatisfying(FaceAuthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_ENROLLED);
            assertThat(e.getMessage()).contains("no enrolled face").doesNotContain("fr_feature");
          });
    }
  }
}
