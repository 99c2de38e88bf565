package org.faceauth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.faceauth.core.flow.AttemptKey;
import org.faceauth.core.flow.LoginAttempts;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lockout ledger is one for all nodes (two {@link Database} pools on one database stand for two nodes): failures
 * on either count together, the lock holds on both, and concurrent attempts on both never take more slots than the
 * policy allows.
 */
class SharedLockoutLedgerTest {
  private static final LoginPolicy POLICY = LoginPolicy.DEFAULT;
  private static final AttemptKey ALICE = AttemptKey.of(UserId.of("alice"));

  @TempDir Path folder;

  private final List<Database> databases = new ArrayList<>();
  private Backend backend;

  private LoginAttempts node(BackendKind kind) {
    if (backend == null) {
      backend = kind.create(folder);
    }
    Database database = Database.open(backend.url());
    databases.add(database);
    return new JdbcLoginAttempts(database);
  }

  @AfterEach
  void close() {
    databases.forEach(Database::close);
    if (backend != null) {
      backend.drop();
    }
  }

  private static Optional<Instant> failOnce(LoginAttempts node, Instant now) {
    assertThat(node.reserve(ALICE, POLICY, now)).as("a slot").isEmpty();
    return node.fail(ALICE, POLICY, now);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void threeFailuresOnOneNodeAndTwoOnAnotherLockTheUserOnBoth(BackendKind kind) {
    LoginAttempts a = node(kind);
    LoginAttempts b = node(kind);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 3; i++) {
      assertThat(failOnce(a, now)).isEmpty();
    }
    assertThat(failOnce(b, now)).isEmpty();
    Optional<Instant> locked = failOnce(b, now);
    assertThat(locked).hasValue(now.plus(POLICY.lock()));
    assertThat(a.reserve(ALICE, POLICY, now.plusSeconds(1))).hasValue(now.plus(POLICY.lock()));
    assertThat(b.reserve(ALICE, POLICY, now.plusSeconds(1))).hasValue(now.plus(POLICY.lock()));
    assertThat(a.reserve(ALICE, POLICY, now.plus(POLICY.lock()))).as("free again when the lock ends").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void concurrentAttemptsOnTwoNodesNeverTakeMoreThanTheLastSlot(BackendKind kind) throws Exception {
    LoginAttempts a = node(kind);
    LoginAttempts b = node(kind);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < POLICY.maxFailures() - 1; i++) {
      failOnce(i % 2 == 0 ? a : b, now);
    }
    int attempts = 16;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> reserved = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        LoginAttempts node = i % 2 == 0 ? a : b;
        reserved.add(pool.submit(() -> {
          start.await();
          return node.reserve(ALICE, POLICY, now).isEmpty();
        }));
      }
      start.countDown();
      int granted = 0;
      for (Future<Boolean> r : reserved) {
        granted += r.get() ? 1 : 0;
      }
      assertThat(granted).as("only the last slot").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
