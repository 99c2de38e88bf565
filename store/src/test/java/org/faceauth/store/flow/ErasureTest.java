package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.store.dataset.EmbeddingExport;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The right to erasure: nothing biometric of an erased user survives (nor their id in an invitation), while the audit
 * log keeps a pseudonym.
 */
class ErasureTest {
  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void erasingAUserLeavesNoTemplateFileOrBackupAndPseudonymisesTheAudit(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(
        kind, folder, s -> s.withRawRetention(Duration.ofDays(7)).withDebugCrops(true))) {
      FaceAuthService service = test.service();
      UserId gone = Faces.user(0);
      UserId stays = Faces.user(1);
      service.enroll(EnrollmentRequest.of(gone, Faces.enrollment(0)), RequestContext.cli());
      service.enroll(EnrollmentRequest.of(stays, Faces.enrollment(1)), RequestContext.cli());
      service.verify(gone, Faces.probe(0), RequestContext.cli());
      new EmbeddingExport(test.system().dataset()).export(test.system().store(), service.index().modelId());
      Path knownFaces = test.system().dataset().root().resolve("raw/test/known_faces");
      Files.createDirectories(knownFaces);
      Files.write(knownFaces.resolve(gone.value() + "_1.jpg"), Faces.probe(0));
      Files.write(knownFaces.resolve(stays.value() + "_1.jpg"), Faces.probe(1));

      assertThat(test.system().dataset().uploadsOf(gone)).isDirectory();
      assertThat(test.system().dataset().cropOf(gone)).isRegularFile();
      assertThat(test.system().dataset().embeddingsOf(gone)).isRegularFile();

      test.system().invitations().create(gone, Optional.empty(), Duration.ofHours(1), "cli", true);
      test.system().invitations().create(stays, Optional.empty(), Duration.ofHours(1), "cli", true);
      assertThat(service.erase(gone, RequestContext.cli())).isTrue();

      assertThat(service.user(gone)).isEmpty();
      assertThat(test.system().store().templates(gone)).isEmpty();
      assertThat(service.index().users()).doesNotContainKey(gone).containsKey(stays);
      assertThat(filesMentioning(test.system().dataset().root(), gone.value())).isEmpty();
      assertThat(filesMentioning(test.system().dataset().root(), stays.value())).isNotEmpty();
      assertThat(rowsMentioning(test.backend().url(), gone.value())).isZero();
      if (test.backend() instanceof Backend.Sqlite sqlite) {
        assertThat(databaseFilesMentioning(sqlite.folder(), gone.value()))
            .as("the id survives in the SQLite files (free pages or write-ahead log)")
            .isEmpty();
      }

      AuditEvent erasure = test.system().auditLog().recent(1).get(0);
      assertThat(erasure.action()).isEqualTo(AuditAction.ERASE);
      assertThat(erasure.subject().orElseThrow()).startsWith("erased-");
      assertThat(test.system().auditLog().recent(100))
          .filteredOn(e -> e.subject().equals(erasure.subject()))
          .extracting(AuditEvent::action)
          .contains(AuditAction.ENROLL, AuditAction.VERIFY, AuditAction.ERASE);

      assertThat(test.system().invitations().list(10)).extracting(i -> i.userId()).containsExactly(stays.value());
      assertThat(service.verify(stays, Faces.probe(1), RequestContext.cli()).match()).isTrue();
      assertThat(service.erase(gone, RequestContext.cli())).isFalse();
    }
  }

  private static Stream<Path> filesMentioning(Path root, String name) throws Exception {
    return Files.walk(root).filter(p -> p.getFileName().toString().contains(name)).toList().stream();
  }

  /** The SQLite database files (main, -wal, -shm) whose raw bytes contain {@code text}. */
  private static java.util.List<Path> databaseFilesMentioning(Path folder, String text) throws Exception {
    byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.util.List<Path> hits = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("test.db")).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
          if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
            hits.add(file);
            break;
          }
        }
      }
    }
    return hits;
  }

  /** Rows of any FaceAuth table holding the id as a column value. */
  private static int rowsMentioning(String url, String id) throws Exception {
    int count = 0;
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String sql : new String[] {
          "SELECT COUNT(*) FROM users WHERE external_id = '" + id + "'",
          "SELECT COUNT(*) FROM audit_log WHERE subject = '" + id + "'"}) {
        try (ResultSet r = s.executeQuery(sql)) {
          r.next();
          count += r.getInt(1);
        }
      }
    }
    return count;
  }
}
