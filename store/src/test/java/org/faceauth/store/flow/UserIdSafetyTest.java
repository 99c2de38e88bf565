package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.faceauth.store.dataset.DatasetFolder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No user id, however crafted, reaches a path outside dataset/. */
class UserIdSafetyTest {
  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "../outside", "a/b", "a\\b", "/etc/passwd", "", " ", "x y", "é", "a\u0000b",
      "%2e%2e", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm"})
  void maliciousOrMalformedIdsAreRefusedWithAClearCode(String id) {
    assertThatThrownBy(() -> UserId.of(id))
        .isInstanceOfSatisfying(FaceAuthException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USER_ID);
          assertThat(e.getMessage()).contains("letters, digits");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"...", "..a", "a..", "-", "_", "user.name", "Ann_Veneman", "x-1"})
  void oddButSafeIdsStayInsideTheDatasetFolder(String id) throws Exception {
    Path root = folder.resolve("dataset");
    Path outside = folder.resolve("outside.txt");
    Files.writeString(outside, "keep me");
    DatasetFolder dataset = new DatasetFolder(root, Duration.ofDays(1), true, Clock.systemUTC());
    UserId user = UserId.of(id);

    dataset.stage(user, List.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}), Optional.of(new byte[] {1}))
        .publish();
    for (Path p : List.of(dataset.uploadsOf(user), dataset.cropOf(user), dataset.embeddingsOf(user))) {
      assertThat(p.normalize().startsWith(root.toAbsolutePath().normalize())).as(p.toString()).isTrue();
    }
    dataset.erase(user);

    assertThat(Files.readString(outside)).isEqualTo("keep me");
    assertThat(Files.exists(dataset.cropOf(user))).isFalse();
  }
}
