package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.user.UserId;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server and the CLI on one SQLite file: what the CLI's own {@link FaceAuthSystem} (opened on the same data directory,
 * as {@code faceauth erase} and {@code faceauth enroll} open it) commits reaches the server's next decision, with no
 * wait and no restart; and a verification reads the user's row, so a stale index can neither match an erased user nor
 * call a freshly enrolled one "enrolled with another face model".
 */
class SharedSqliteFileTest {
  @TempDir Path folder;

  private TestSystem test;
  private FaceAuthSystem server;
  private FaceAuthSystem cli;

  @BeforeEach
  void openServerAndCli() {
    test = new TestSystem(BackendKind.SQLITE, folder);
    server = test.system();
    cli = test.open(test.settings());
  }

  @AfterEach
  void close() {
    test.close();
  }

  @Test
  void aUserTheCliErasesIsNeverMatchedAgainByTheServer() {
    server.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
    assertThat(server.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli()).match()).isTrue();

    assertThat(cli.service().erase(Faces.user(0), RequestContext.cli())).isTrue();

    VerificationResult after = server.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli());
    assertThat(after.outcome()).isEqualTo(VerificationOutcome.NO_MATCH);
    assertThat(after.score()).isEmpty();
    assertThat(server.service().identify(Faces.probe(0), 1, RequestContext.cli()).known()).isFalse();
    assertThat(server.service().index().users()).doesNotContainKey(Faces.user(0));
    UserId newcomer = UserId.of("newcomer");
    server.service().enroll(EnrollmentRequest.of(newcomer, Faces.enrollment(0)), RequestContext.cli());
    assertThat(server.service().verify(newcomer, Faces.probe(0), RequestContext.cli()).match()).isTrue();
  }

  @Test
  void aUserTheCliEnrollsIsVerifiedAndIdentifiedByTheServerAtOnce() {
    server.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());

    cli.service().enroll(EnrollmentRequest.of(Faces.user(1), Faces.enrollment(1)), RequestContext.cli());

    assertThat(server.service().identify(Faces.probe(1), 1, RequestContext.cli()).candidates().get(0).user())
        .isEqualTo(Faces.user(1));
    assertThat(server.service().index().users()).containsOnlyKeys(Faces.user(0), Faces.user(1));
    assertThatThrownBy(() -> server.service().enroll(
            EnrollmentRequest.of(UserId.of("copycat"), Faces.enrollment(1)), RequestContext.cli()))
        .isInstanceOfSatisfying(FaceAuthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_FACE));
    assertThat(server.service().verify(Faces.user(1), Faces.probe(1), RequestContext.cli()).match()).isTrue();
  }

  @Test
  void theServerFollowsTheCliBothWaysInTurn() {
    cli.service().enroll(EnrollmentRequest.of(Faces.user(2), Faces.enrollment(2)), RequestContext.cli());
    assertThat(server.service().identify(Faces.probe(2), 1, RequestContext.cli()).known()).isTrue();
    server.service().erase(Faces.user(2), RequestContext.cli());
    assertThat(cli.service().identify(Faces.probe(2), 1, RequestContext.cli()).known()).isFalse();
    cli.service().enroll(EnrollmentRequest.of(Faces.user(2), Faces.enrollment(2)), RequestContext.cli());
    assertThat(server.service().verify(Faces.user(2), Faces.probe(2), RequestContext.cli()).match()).isTrue();
    assertThat(server.service().index().users()).isEqualTo(cli.service().index().users());
  }

  @Test
  void aUserRowDeletedBehindTheIndexsBackIsNotEnrolled() {
    server.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
    assertThat(server.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli()).match()).isTrue();

    int deleted = server.database().query(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM users WHERE external_id = ?")) {
        delete.setString(1, Faces.user(0).value());
        return delete.executeUpdate();
      }
    });
    assertThat(deleted).isOne();
    assertThat(server.service().index().users()).containsKey(Faces.user(0));

    VerificationResult after = server.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli());
    assertThat(after.outcome()).isEqualTo(VerificationOutcome.NO_MATCH);
    assertThat(after.score()).isEmpty();
  }

  @Test
  void templatesTheIndexHasNotHeardOfAreLoadedNotCalledAnotherModels() {
    server.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
    assertThat(server.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli()).match()).isTrue();
    cli.service().enroll(EnrollmentRequest.of(Faces.user(1), Faces.enrollment(1)), RequestContext.cli());
    int forgotten = cli.database().query(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM template_changes WHERE user_id = ?")) {
        delete.setString(1, Faces.user(1).value());
        return delete.executeUpdate();
      }
    });
    assertThat(forgotten).isOne();

    assertThat(server.service().verify(Faces.user(1), Faces.probe(1), RequestContext.cli()).match()).isTrue();
    assertThat(server.service().index().users()).containsKey(Faces.user(1));
  }
}
