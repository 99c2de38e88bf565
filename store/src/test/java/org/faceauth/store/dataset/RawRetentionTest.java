package org.faceauth.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw uploads are short-lived: never written by default, kept for the retention period when switched on. */
class RawRetentionTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path folder;

  @Test
  void byDefaultEnrollmentLeavesNoRawUploadOrCropOnDisk() throws Exception {
    try (TestSystem test = new TestSystem(BackendKind.SQLITE, folder)) {
      test.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      Path dataset = test.system().dataset().root();
      try (Stream<Path> files = Files.exists(dataset) ? Files.walk(dataset) : Stream.empty()) {
        assertThat(files.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }

  @Test
  void keptUploadsAreOwnerOnlyAndPurgedOnceOlderThanTheRetention() throws Exception {
    DatasetFolder dataset = new DatasetFolder(
        folder.resolve("dataset"), Duration.ofDays(3), false, Clock.fixed(NOW, ZoneOffset.UTC));
    UserId user = UserId.of("carol");
    byte[] jpeg = Faces.probe(0);

    dataset.stage(user, List.of(jpeg, jpeg), Optional.empty()).publish();
    Path first = dataset.uploadsOf(user).resolve("1.jpg");
    Path second = dataset.uploadsOf(user).resolve("2.jpg");
    assertThat(first).hasBinaryContent(jpeg);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
    for (Path p = dataset.uploadsOf(user); !p.equals(folder); p = p.getParent()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rwx------");
    }

    Files.setLastModifiedTime(first, FileTime.from(NOW.minus(Duration.ofDays(4))));
    Files.setLastModifiedTime(second, FileTime.from(NOW.minus(Duration.ofDays(2))));
    assertThat(dataset.purgeExpired()).isEqualTo(1);
    assertThat(first).doesNotExist();
    assertThat(second).exists();

    Files.setLastModifiedTime(second, FileTime.from(NOW.minus(Duration.ofDays(5))));
    assertThat(dataset.purgeExpired()).isEqualTo(1);
    assertThat(dataset.uploadsOf(user)).doesNotExist();
  }
}
