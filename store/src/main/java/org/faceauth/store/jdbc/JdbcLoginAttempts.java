package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.faceauth.core.flow.AttemptKey;
import org.faceauth.core.flow.LoginAttempts;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.user.UserId;

/**
 * The lockout ledger in the {@code login_attempts} table, shared by every node on the database and kept across
 * restarts. A reservation is one conditional UPDATE (row-locked on PostgreSQL, under SQLite's write lock), so
 * concurrent attempts on one id can never take more than {@code maxFailures} slots. When a window ends, its counts
 * (running attempts included, so slots of a crashed node are not held forever) start again from zero.
 *
 * <p>Every claimed id that is tried gets a row, existing or not, so rows that hold nothing anymore are deleted: at most
 * once per {@link #PURGE_INTERVAL} per node, a reservation also deletes the rows whose lock and window have ended and
 * that have no attempt running (a count in an ended window is forgotten by the next reservation anyway). A row with
 * attempts still counted as running is kept one window longer, so a slow attempt's failure still lands on its row,
 * and the slots of a crashed node go with it then. Thread-safe.
 */
public final class JdbcLoginAttempts implements LoginAttempts {
  /** How often one node deletes the rows that hold nothing anymore. */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private static final long BUSY_RETRY_MILLIS = 1_000;
  /**
   * The rows of one user id ({@code claimed_id} holds an {@link AttemptKey}): the trusted callers' row and every
   * anonymous one ({@code SUBSTR} compares exactly, where {@code LIKE} would read {@code _} as a wildcard and ignore
   * case on SQLite).
   */
  private static final String EVERY_KEY_OF_USER = "claimed_id = ? OR SUBSTR(claimed_id, 1, ?) = ?";

  private final Database database;
  /** When this node purges next (epoch ms); the reservation that moves it on does the purge. */
  private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

  /** @param database an open, migrated database (owned by the caller) */
  public JdbcLoginAttempts(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Instant> reserve(AttemptKey key, LoginPolicy policy, Instant now) {
    // Before the reservation, so that a failed purge leaves no slot taken.
    long due = nextPurge.get();
    if (now.toEpochMilli() >= due && nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL).toEpochMilli())) {
      purgeEmptyRows(policy, now);
    }
    return database.transaction(c -> {
      // Twice: a concurrent purge may delete the row between the insert and the update (PostgreSQL).
      for (int tries = 0; tries < 2; tries++) {
        insertIfAbsent(c, key, now);
        if (take(c, key, policy, now)) {
          return Optional.<Instant>empty();
        }
        Optional<Long> lockedUntil = lockedUntil(c, key);
        if (lockedUntil.isPresent()) {
          return Optional.of(Instant.ofEpochMilli(Math.max(lockedUntil.get(), now.toEpochMilli() + BUSY_RETRY_MILLIS)));
        }
      }
      throw new IllegalStateException("The login_attempts row of a reservation vanished twice");
    });
  }

  /**
   * Deletes the rows that hold nothing anymore at {@code now}: lock ended, window ended, no attempt running (or the
   * window after that ended too: the slots of a crashed node).
   *
   * @return how many rows were deleted
   */
  int purgeEmptyRows(LoginPolicy policy, Instant now) {
    long t = now.toEpochMilli();
    return database.transaction(c -> {
      try (PreparedStatement purge = c.prepareStatement("DELETE FROM login_attempts WHERE locked_until <= ? "
          + "AND window_start <= ? AND (in_flight = 0 OR window_start <= ?)")) {
        purge.setLong(1, t);
        purge.setLong(2, t - policy.window().toMillis());
        purge.setLong(3, t - 2 * policy.window().toMillis());
        return purge.executeUpdate();
      }
    });
  }

  private static void insertIfAbsent(Connection c, AttemptKey key, Instant now) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO login_attempts (claimed_id, in_flight, failures, window_start, locked_until) "
            + "VALUES (?, 0, 0, ?, 0) ON CONFLICT (claimed_id) DO NOTHING")) {
      insert.setString(1, key.value());
      insert.setLong(2, now.toEpochMilli());
      insert.executeUpdate();
    }
  }

  /** Takes a slot when the id is not locked and the window has room (a window that ended starts again). */
  private static boolean take(Connection c, AttemptKey key, LoginPolicy policy, Instant now) throws SQLException {
    long t = now.toEpochMilli();
    long windowEnded = t - policy.window().toMillis();
    try (PreparedStatement take = c.prepareStatement(
        "UPDATE login_attempts SET "
            + "in_flight = CASE WHEN window_start <= ? THEN 1 ELSE in_flight + 1 END, "
            + "failures = CASE WHEN window_start <= ? THEN 0 ELSE failures END, "
            + "window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END "
            + "WHERE claimed_id = ? AND locked_until <= ? AND (window_start <= ? OR in_flight + failures < ?)")) {
      take.setLong(1, windowEnded);
      take.setLong(2, windowEnded);
      take.setLong(3, windowEnded);
      take.setLong(4, t);
      take.setString(5, key.value());
      take.setLong(6, t);
      take.setLong(7, windowEnded);
      take.setInt(8, policy.maxFailures());
      return take.executeUpdate() == 1;
    }
  }

  @Override
  public void succeed(AttemptKey key) {
    update(key, "UPDATE login_attempts SET in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END, "
        + "failures = 0 WHERE claimed_id = ?");
  }

  @Override
  public Optional<Instant> fail(AttemptKey key, LoginPolicy policy, Instant now) {
    long until = now.plus(policy.lock()).toEpochMilli();
    return database.transaction(c -> {
      try (PreparedStatement failed = c.prepareStatement(
          "UPDATE login_attempts SET in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END, "
              + "failures = failures + 1 WHERE claimed_id = ?")) {
        failed.setString(1, key.value());
        failed.executeUpdate();
      }
      try (PreparedStatement lock = c.prepareStatement(
          "UPDATE login_attempts SET locked_until = ?, failures = 0, window_start = ? "
              + "WHERE claimed_id = ? AND failures >= ?")) {
        lock.setLong(1, until);
        lock.setLong(2, now.toEpochMilli());
        lock.setString(3, key.value());
        lock.setInt(4, policy.maxFailures());
        return lock.executeUpdate() == 1 ? Optional.of(Instant.ofEpochMilli(until)) : Optional.<Instant>empty();
      }
    });
  }

  @Override
  public void release(AttemptKey key) {
    update(key, "UPDATE login_attempts SET in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END "
        + "WHERE claimed_id = ?");
  }

  @Override
  public boolean clear(UserId user) {
    return database.transaction(c -> {
      boolean anything = false;
      try (PreparedStatement select = c.prepareStatement(
          "SELECT failures, locked_until FROM login_attempts WHERE " + EVERY_KEY_OF_USER)) {
        everyKeyOf(select, user);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            anything |= rows.getInt(1) > 0 || rows.getLong(2) > 0;
          }
        }
      }
      forget(c, user);
      return anything;
    });
  }

  /** Deletes the attempts of {@code user}, under all of its keys, within the caller's transaction (erasure). */
  static void forget(Connection c, UserId user) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM login_attempts WHERE " + EVERY_KEY_OF_USER)) {
      everyKeyOf(delete, user);
      delete.executeUpdate();
    }
  }

  private static void everyKeyOf(PreparedStatement statement, UserId user) throws SQLException {
    String anonymousPrefix = AttemptKey.anonymousPrefix(user);
    statement.setString(1, AttemptKey.of(user).value());
    statement.setInt(2, anonymousPrefix.length());
    statement.setString(3, anonymousPrefix);
  }

  private static Optional<Long> lockedUntil(Connection c, AttemptKey key) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT locked_until FROM login_attempts WHERE claimed_id = ?")) {
      select.setString(1, key.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  private void update(AttemptKey key, String sql) {
    database.transaction(c -> {
      try (PreparedStatement update = c.prepareStatement(sql)) {
        update.setString(1, key.value());
        update.executeUpdate();
      }
      return null;
    });
  }
}
