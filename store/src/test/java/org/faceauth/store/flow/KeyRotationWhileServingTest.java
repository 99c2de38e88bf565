package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.KeyRingFile;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rotate-key} on one node while another, sharing the key file, keeps verifying and enrolling: no verification
 * fails, every enrollment written during the rotation ends under the new key, both nodes read every template
 * afterwards, and the key file holds the new key only. On PostgreSQL the serving node also hears of the new ring by
 * NOTIFY; on SQLite (a server and a command on one file) it finds it when it next writes.
 */
class KeyRotationWhileServingTest {
  private static final int ROTATIONS = 4;
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void rotatingOnOneNodeWhileAnotherVerifiesAndEnrollsLosesNothing(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      FaceAuthSystem rotating = test.system();
      FaceAuthSystem serving = test.open(test.settings());
      serving.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());

      AtomicBoolean rotationsDone = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> verifications = pool.submit(() -> {
          int n = 0;
          while (!rotationsDone.get() || n < 3) {
            assertThat(serving.service().verify(Faces.user(0), Faces.probe(0), RequestContext.cli()).match())
                .as("verification " + n).isTrue();
            n++;
          }
          return n;
        });
        Future<List<UserId>> enrolled = pool.submit(() -> {
          List<UserId> users = new ArrayList<>();
          for (int i = 0; !rotationsDone.get() || users.isEmpty(); i++) {
            UserId user = UserId.of("copy-" + i);
            serving.service().enroll(new EnrollmentRequest(user, UserProfile.EMPTY,
                Faces.enrollment(1 + i % 3).subList(0, 1), false, true), RequestContext.cli());
            users.add(user);
          }
          return users;
        });
        String newKey = null;
        for (int i = 0; i < ROTATIONS; i++) {
          newKey = rotating.rotateKey().newKeyId();
        }
        rotationsDone.set(true);
        assertThat(verifications.get()).isPositive();
        List<UserId> users = enrolled.get();

        KeyRing file = new KeyRingFile(test.settings().keyFile()).load();
        assertThat(file.ids()).containsExactly(newKey);
        assertThat(keyIdsOfTemplates(rotating)).as("every row under the last key").containsExactly(newKey);
        for (UserId user : users) {
          assertThat(rotating.store().templates(user)).hasSize(1);
          assertThat(serving.store().templates(user)).hasSize(1);
        }
        String last = newKey;
        if (kind == BackendKind.POSTGRESQL) {
          eventually(() -> serving.store().templates(Faces.user(0)).size() > 0
              && new KeyRingFile(test.settings().keyFile()).load().currentId().equals(last));
        }
        serving.service().enroll(new EnrollmentRequest(Faces.user(2), UserProfile.EMPTY, Faces.enrollment(2), false,
            true), RequestContext.cli());
        assertThat(keyIdsOfTemplates(rotating)).containsExactly(newKey);
        assertThat(rotating.store().templates(Faces.user(2))).isNotEmpty();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static List<String> keyIdsOfTemplates(FaceAuthSystem system) {
    return system.database().query(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT key_id FROM templates");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    });
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within " + PATIENCE).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
