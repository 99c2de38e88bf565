package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.template.ChangeFeed;

/**
 * The template changes other processes commit to a SQLite database, read on request from the {@code template_changes}
 * table their writers append to in the same transaction ({@link #recordEnrollment}, {@link #recordErasure}): {@link
 * #catchUp()} reads the rows past the last one seen (one indexed query, nothing returned when nothing changed), skips
 * this process's own enrollments and passes on each user another process enrolled, once. An erasure row names no one
 * (the erased id must survive nowhere): the feed keeps the ids of the users that may hold templates (those present at
 * start and every one enrolled since) and, on such a row, passes on each of them whose row is gone. Rows are numbered
 * without gaps, so a reader that finds the next number pruned away (it fell more than {@value #KEPT} changes behind)
 * or the numbering gone back (another database file put in place) asks for a whole reload ({@code null}).
 * Thread-safe: catch-ups run one at a time, and a caller returns only once the changes committed before its call are
 * delivered.
 */
final class SqliteChangeFeed implements ChangeFeed {
  /** Rows kept in the table; older ones are deleted by the writers. */
  static final int KEPT = 10_000;

  /** Most rows one catch-up reads; more than that is answered by a whole reload. */
  private static final int BATCH = 1_000;

  private final Database database;
  private final String nodeId;
  private final Consumer<String> listener;
  private Set<String> known;
  private long seen;

  private SqliteChangeFeed(Database database, String nodeId, Consumer<String> listener) {
    this.database = database;
    this.nodeId = nodeId;
    this.listener = listener;
    database.transaction(c -> {
      seen = latest(c);
      known = userIds(c);
      return null;
    });
  }

  /** Starts following from the latest change committed now: the caller loads its index afterwards. */
  static SqliteChangeFeed start(Database database, String nodeId, Consumer<String> listener) {
    return new SqliteChangeFeed(database, nodeId, listener);
  }

  /** Appends {@code userId}'s enrollment by {@code nodeId}, inside the caller's write transaction. */
  static void recordEnrollment(Connection c, String nodeId, String userId, long now) throws SQLException {
    record(c, nodeId, userId, now);
  }

  /**
   * Appends an erasure by {@code nodeId}, inside the caller's write transaction (which deletes the user's row), and
   * blanks {@code userId} in the earlier rows naming them.
   */
  static void recordErasure(Connection c, String nodeId, String userId, long now) throws SQLException {
    try (PreparedStatement blank = c.prepareStatement("UPDATE template_changes SET user_id = NULL WHERE user_id = ?")) {
      blank.setString(1, userId);
      blank.executeUpdate();
    }
    record(c, nodeId, null, now);
  }

  /** Appends a row and deletes the rows older than the latest {@value #KEPT}. */
  private static void record(Connection c, String nodeId, String userId, long now) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO template_changes (seq, user_id, origin, changed_at) "
                + "SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM template_changes");
        PreparedStatement prune = c.prepareStatement(
            "DELETE FROM template_changes WHERE seq <= (SELECT MAX(seq) FROM template_changes) - ?")) {
      insert.setString(1, userId);
      insert.setString(2, nodeId);
      insert.setLong(3, now);
      insert.executeUpdate();
      prune.setInt(1, KEPT);
      prune.executeUpdate();
    }
  }

  private static Set<String> userIds(Connection c) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (PreparedStatement select = c.prepareStatement("SELECT external_id FROM users");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private static long latest(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM template_changes");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** One row of the table. */
  private record Change(long seq, String userId, String origin) {}

  /**
   * The rows past {@code seen} (at most one more than a batch; none when nothing was committed since), the highest
   * number committed when there are none, and the ids of the users present when some row is an erasure.
   */
  private record Reading(List<Change> changes, long latest, Optional<Set<String>> present) {}

  /**
   * @throws FaceAuthException {@link ErrorCode#STORE_FAILED} if the table cannot be read
   */
  @Override
  public synchronized void catchUp() {
    Reading reading = database.query(this::read);
    List<Change> changes = reading.changes();
    if (changes.isEmpty()) {
      if (reading.latest() < seen) {
        reloadAll();
        seen = reading.latest();
      }
      return;
    }
    long last = changes.get(changes.size() - 1).seq();
    if (changes.get(0).seq() != seen + 1 || changes.size() > BATCH) {
      reloadAll();
      seen = last;
      return;
    }
    Set<String> users = new LinkedHashSet<>();
    for (Change change : changes) {
      if (change.userId() == null) {
        continue;
      }
      known.add(change.userId());
      if (!change.origin().equals(nodeId)) {
        users.add(change.userId());
      }
    }
    reading.present().ifPresent(present -> {
      known.stream().filter(id -> !present.contains(id)).forEach(users::add);
      known.retainAll(present);
    });
    users.forEach(listener);
    seen = last;
  }

  private void reloadAll() {
    listener.accept(null);
    known = database.query(SqliteChangeFeed::userIds);
  }

  private Reading read(Connection c) throws SQLException {
    // Before every decision: one lookup of the highest number, and the rows only when there are new ones.
    long latest = latest(c);
    if (latest <= seen) {
      return new Reading(List.of(), latest, Optional.empty());
    }
    List<Change> changes = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT seq, user_id, origin FROM template_changes WHERE seq > ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, seen);
      select.setInt(2, BATCH + 1);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          changes.add(new Change(rows.getLong(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    boolean erasure = changes.stream().anyMatch(change -> change.userId() == null);
    return new Reading(changes, changes.isEmpty() ? latest : changes.get(changes.size() - 1).seq(),
        erasure ? Optional.of(userIds(c)) : Optional.empty());
  }

  /** Nothing to release: the feed reads on request only. */
  @Override
  public void close() {}
}
