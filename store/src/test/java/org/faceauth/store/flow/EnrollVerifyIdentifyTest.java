package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.IdentificationResult;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Enrollment, 1:1 verification and 1:N identification on real photos, on each database. */
class EnrollVerifyIdentifyTest {
  private static final RequestContext CONTEXT =
      new RequestContext("test-client", Optional.of("req-1"), Optional.of("127.0.0.1"), false);

  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anEnrolledPersonIsVerifiedAndIdentifiedWhileOthersAreNot(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      UserProfile profile = new UserProfile(
          Optional.of("Angelina"), Optional.of("aj@example.org"), Optional.of(Instant.parse("2026-01-02T03:04:05Z")));
      EnrollmentResult enrolled = service.enroll(
          new EnrollmentRequest(Faces.user(0), profile, Faces.enrollment(0), false, false), CONTEXT);
      service.enroll(EnrollmentRequest.of(Faces.user(1), Faces.enrollment(1)), CONTEXT);

      assertThat(enrolled.templatesAdded()).isGreaterThanOrEqualTo(2);
      assertThat(enrolled.verdicts()).hasSize(Faces.enrollment(0).size());
      assertThat(enrolled.user().profile()).isEqualTo(profile);
      assertThat(service.users()).extracting(u -> u.id().value())
          .containsExactly(Faces.PEOPLE.get(0), Faces.PEOPLE.get(1));

      VerificationResult genuine = service.verify(Faces.user(0), Faces.probe(0), CONTEXT);
      assertThat(genuine.outcome()).isEqualTo(VerificationOutcome.MATCH);
      assertThat(genuine.score().orElseThrow()).isGreaterThanOrEqualTo(genuine.threshold());

      VerificationResult impostor = service.verify(Faces.user(0), Faces.probe(1), CONTEXT);
      assertThat(impostor.outcome()).isEqualTo(VerificationOutcome.NO_MATCH);
      assertThat(service.verify(Faces.user(0), Faces.stranger(), CONTEXT).match()).isFalse();
      assertThat(service.verify(Faces.user(0), Faces.noFace(), CONTEXT).outcome())
          .isEqualTo(VerificationOutcome.NO_FACE);

      IdentificationResult who = service.identify(Faces.probe(1), 3, CONTEXT);
      assertThat(who.candidates()).isNotEmpty();
      assertThat(who.candidates().get(0).user()).isEqualTo(Faces.user(1));
      assertThat(service.identify(Faces.stranger(), 3, CONTEXT).known()).isFalse();

      List<AuditEvent> audit = test.system().auditLog().recent(20);
      assertThat(audit).extracting(AuditEvent::action).contains(AuditAction.ENROLL, AuditAction.VERIFY,
          AuditAction.IDENTIFY);
      assertThat(audit).allSatisfy(e -> {
        assertThat(e.actor()).isEqualTo("test-client");
        assertThat(e.requestId()).contains("req-1");
      });
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void reEnrollmentAddsTemplatesOrReplacesThem(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      List<byte[]> photos = Faces.enrollment(2);
      int first = service.enroll(EnrollmentRequest.of(Faces.user(2), photos.subList(0, 2)), CONTEXT).templatesAdded();
      int added = service.enroll(EnrollmentRequest.of(Faces.user(2), photos.subList(2, 3)), CONTEXT).templatesAdded();
      assertThat(service.user(Faces.user(2)).orElseThrow().templates()).isEqualTo(first + added);
      assertThat(service.index().users()).containsEntry(Faces.user(2), first + added);

      service.enroll(new EnrollmentRequest(Faces.user(2), UserProfile.EMPTY, photos.subList(0, 1), true, false),
          CONTEXT);
      assertThat(service.user(Faces.user(2)).orElseThrow().templates()).isEqualTo(1);
      assertThat(service.index().users()).containsEntry(Faces.user(2), 1);
      assertThat(service.verify(Faces.user(2), Faces.probe(2), CONTEXT).match()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anEnrollmentWithoutAUsableFaceStoresNothingAndSaysWhyPerImage(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      byte[] text = "not an image".getBytes();
      assertThatThrownBy(() -> service.enroll(
              EnrollmentRequest.of(UserId.of("nobody"), List.of(Faces.noFace(), text)), CONTEXT))
          .isInstanceOfSatisfying(EnrollmentRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENROLLMENT_REJECTED);
            assertThat(e.verdicts()).hasSize(2);
            assertThat(e.verdicts().get(0).reasons()).containsExactly("NO_FACE");
            assertThat(e.verdicts().get(0).advice().get(0)).contains("Face the camera");
            assertThat(e.verdicts().get(1).reasons()).containsExactly("IMAGE_UNSUPPORTED_FORMAT");
          });
      assertThat(service.user(UserId.of("nobody"))).isEmpty();
      assertThat(service.index().size()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aFaceAlreadyEnrolledUnderAnotherAccountIsRefusedUnlessOverridden(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      service.enroll(EnrollmentRequest.of(Faces.user(3), Faces.enrollment(3)), CONTEXT);
      List<byte[]> samePerson = List.of(Faces.probe(3));

      assertThatThrownBy(() -> service.enroll(EnrollmentRequest.of(UserId.of("second-account"), samePerson), CONTEXT))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_FACE));
      assertThat(service.user(UserId.of("second-account"))).isEmpty();

      service.enroll(
          new EnrollmentRequest(UserId.of("second-account"), UserProfile.EMPTY, samePerson, false, true), CONTEXT);
      assertThat(service.user(UserId.of("second-account"))).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void verifyingAnUnknownUserIsANoMatchAndAnEmptyEnrollmentIsInvalid(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      assertThat(test.service().verify(UserId.of("ghost"), Faces.probe(0), CONTEXT).outcome())
          .as("unknown users are hidden by default (LockoutTest covers the details)")
          .isEqualTo(VerificationOutcome.NO_MATCH);
      assertThatThrownBy(() -> test.service().enroll(EnrollmentRequest.of(UserId.of("x"), List.of()), CONTEXT))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
  }
}
