package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * User ids live only in the audit log's subject fields, never in its free text, so erasing a user pseudonymises every
 * mention: also where they were the owner of a face someone else tried to enroll.
 */
class AuditIdsTest {
  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void theOwnerOfADuplicateFaceIsARelatedSubjectAndErasingThemLeavesTheirIdNowhereInTheAudit(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthService service = test.service();
      UserId owner = Faces.user(0);
      UserId second = UserId.of("second-account");
      service.enroll(EnrollmentRequest.of(owner, Faces.enrollment(0)), RequestContext.cli());

      assertThatThrownBy(() -> service.enroll(EnrollmentRequest.of(second, Faces.enrollment(0)), RequestContext.cli()))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_FACE));
      AuditEvent refused = test.system().auditLog().recent(1).get(0);
      assertThat(refused.subject()).contains(second.value());
      assertThat(refused.relatedSubject()).contains(owner.value());
      assertThat(refused.outcome()).isEqualTo("duplicate_face");

      service.erase(owner, RequestContext.cli());

      List<AuditEvent> all = test.system().auditLog().recent(1000);
      assertThat(all).isNotEmpty().allSatisfy(e -> assertThat(mentions(e, owner.value())).as(e.toString()).isFalse());
      assertThat(test.system().auditLog().recent(1000))
          .filteredOn(e -> e.subject().equals(refused.subject()))
          .first()
          .satisfies(e -> assertThat(e.relatedSubject().orElseThrow()).startsWith("erased-"));
    }
  }

  private static boolean mentions(AuditEvent e, String id) {
    return e.subject().orElse("").contains(id) || e.relatedSubject().orElse("").contains(id)
        || e.outcome().contains(id) || e.actor().contains(id);
  }
}
