package org.faceauth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.faceauth.core.flow.AttemptKey;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lockout ledger does not grow with every id anyone tries: rows whose lock and window have ended are deleted by
 * later reservations, while a lock holds to its end and a running attempt keeps its row.
 */
class LoginAttemptsPurgeTest {
  /** Failures are remembered 15 minutes; a lock lasts an hour, longer than the window. */
  private static final LoginPolicy POLICY =
      new LoginPolicy(3, Duration.ofMinutes(15), Duration.ofHours(1), true, 12);
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
  /** When the window of an attempt at {@link #START} has ended and a purge is due. */
  private static final Instant AFTER_WINDOW = START.plus(POLICY.window()).plus(JdbcLoginAttempts.PURGE_INTERVAL);

  @TempDir Path folder;

  private Database database;
  private Backend backend;

  private JdbcLoginAttempts ledger(BackendKind kind) {
    backend = kind.create(folder);
    database = Database.open(backend.url());
    return new JdbcLoginAttempts(database);
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
    if (backend != null) {
      backend.drop();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void randomIdsTriedOnceLeaveNoRowsAfterTheirWindow(BackendKind kind) {
    JdbcLoginAttempts ledger = ledger(kind);
    for (int i = 0; i < 200; i++) {
      UserId random = UserId.of("random-" + i);
      assertThat(ledger.reserve(AttemptKey.of(random), POLICY, START)).isEmpty();
      assertThat(ledger.fail(AttemptKey.of(random), POLICY, START)).isEmpty();
    }
    assertThat(rows()).isEqualTo(200);

    assertThat(ledger.reserve(AttemptKey.of(UserId.of("next-guess")), POLICY, AFTER_WINDOW)).isEmpty();
    assertThat(rows()).as("only the id tried now").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aLockedIdStaysLockedUntilItsLockEnds_whilePurgesRun(BackendKind kind) {
    JdbcLoginAttempts ledger = ledger(kind);
    UserId alice = UserId.of("alice");
    Instant lockEnds = START.plus(POLICY.lock());
    for (int i = 0; i < POLICY.maxFailures(); i++) {
      assertThat(ledger.reserve(AttemptKey.of(alice), POLICY, START)).isEmpty();
      ledger.fail(AttemptKey.of(alice), POLICY, START);
    }
    for (Instant later = AFTER_WINDOW; later.isBefore(lockEnds);
        later = later.plus(JdbcLoginAttempts.PURGE_INTERVAL)) {
      assertThat(ledger.reserve(AttemptKey.of(UserId.of("someone-else")), POLICY, later)).isEmpty();
      ledger.succeed(AttemptKey.of(UserId.of("someone-else")));
      assertThat(ledger.reserve(AttemptKey.of(alice), POLICY, later)).as("at " + later).hasValue(lockEnds);
    }
    assertThat(ledger.reserve(AttemptKey.of(alice), POLICY, lockEnds)).as("free when the lock ends").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aRunningAttemptKeepsItsRowSoItsFailureStillCounts_andACrashedNodesSlotGoesAWindowLater(BackendKind kind) {
    JdbcLoginAttempts ledger = ledger(kind);
    UserId slow = UserId.of("slow");
    UserId crashed = UserId.of("crashed");
    assertThat(ledger.reserve(AttemptKey.of(slow), POLICY, START)).isEmpty();
    assertThat(ledger.reserve(AttemptKey.of(crashed), POLICY, START)).isEmpty();

    assertThat(ledger.purgeEmptyRows(POLICY, AFTER_WINDOW)).isZero();
    ledger.fail(AttemptKey.of(slow), POLICY, AFTER_WINDOW);
    assertThat(failures(slow)).isEqualTo(1);

    Instant twoWindowsLater = AFTER_WINDOW.plus(POLICY.window());
    assertThat(ledger.purgeEmptyRows(POLICY, twoWindowsLater)).as("both rows hold nothing now").isEqualTo(2);
    assertThat(rows()).isZero();
  }

  private long rows() {
    return count("SELECT COUNT(*) FROM login_attempts", null);
  }

  private long failures(UserId user) {
    return count("SELECT failures FROM login_attempts WHERE claimed_id = ?", user.value());
  }

  private long count(String sql, String parameter) {
    return database.query(c -> {
      try (PreparedStatement select = c.prepareStatement(sql)) {
        if (parameter != null) {
          select.setString(1, parameter);
        }
        try (ResultSet r = select.executeQuery()) {
          assertThat(r.next()).isTrue();
          return r.getLong(1);
        }
      }
    });
  }
}
