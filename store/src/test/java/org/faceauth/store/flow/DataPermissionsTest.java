package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.testing.TestData;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;
import org.faceauth.store.testing.Faces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything in the data directory is its owner's only: the SQLite file and the -wal and -shm files SQLite makes next
 * to it 0600, folders 0700, also when the directory existed before with looser permissions.
 */
class DataPermissionsTest {
  @TempDir Path folder;

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aLooseExistingDataDirectoryIsTightenedAndTheDatabaseFilesAreOwnerOnly() throws Exception {
    Path data = folder.resolve("data");
    Files.createDirectories(data.resolve("dataset/raw/users/old"));
    Files.writeString(data.resolve("dataset/raw/users/old/1.jpg"), "old upload");
    Files.createFile(data.resolve("faceauth.db"));
    for (Path p : List.of(data, data.resolve("dataset"), data.resolve("dataset/raw"), data.resolve("dataset/raw/users"),
        data.resolve("dataset/raw/users/old"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (Path p : List.of(data.resolve("dataset/raw/users/old/1.jpg"), data.resolve("faceauth.db"))) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    StoreSettings settings = StoreSettings.embedded(data).withRawRetention(Duration.ofDays(1)).withDebugCrops(true);

    try (FaceAuthSystem system = FaceAuthSystem.open(
        settings, TestData.engine(), Clock.systemUTC(), LivenessPolicy.REPORT_ONLY, LoginPolicy.DEFAULT)) {
      system.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      system.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli());

      assertThat(data.resolve("faceauth.db-wal")).as("SQLite is in WAL mode and holds a connection").exists();
      for (String file : List.of("faceauth.db", "faceauth.db-wal", "faceauth.db-shm")) {
        assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
      }
      try (Stream<Path> all = Files.walk(data)) {
        for (Path p : all.toList()) {
          assertThat(mode(p)).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
      }
    }
  }
}
