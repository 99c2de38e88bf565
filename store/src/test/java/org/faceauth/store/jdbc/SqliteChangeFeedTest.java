package org.faceauth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite change log: a catch-up passes on each user other processes enrolled since the last one, once, and never
 * this process's own; an erasure leaves the id nowhere in the log and passes on the known users whose row is gone; it
 * asks for a whole reload ({@code null}) when rows it has not read were pruned or the numbering
 * went back (another database file restored in place).
 */
class SqliteChangeFeedTest {
  private static final String SERVER = "server-node";
  private static final String CLI = "cli-node";

  @TempDir Path folder;

  private Database database;
  private final List<String> heard = new ArrayList<>();
  private SqliteChangeFeed feed;

  @BeforeEach
  void open() {
    database = Database.open("jdbc:sqlite:" + folder.resolve("faceauth.db"));
    insertUser("dora");
    insertUser("erin");
    record(CLI, "before-start");
    feed = SqliteChangeFeed.start(database, SERVER, heard::add);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aCatchUpWithNothingNewDeliversNothing() {
    feed.catchUp();
    assertThat(heard).isEmpty();
  }

  @Test
  void eachUserAnotherProcessChangedIsDeliveredOnceAndOwnChangesAreSkipped() {
    record(CLI, "alice");
    record(SERVER, "bob");
    record(CLI, "alice");
    record(CLI, "carol");

    feed.catchUp();
    feed.catchUp();

    assertThat(heard).containsExactly("alice", "carol");
  }

  @Test
  void rowsPrunedBeforeTheyWereReadAskForAWholeReload() {
    record(CLI, "alice");
    record(CLI, "bob");
    delete("DELETE FROM template_changes WHERE user_id = 'alice'");

    feed.catchUp();
    record(CLI, "carol");
    feed.catchUp();

    assertThat(heard).containsExactly(null, "carol");
  }

  @Test
  void numberingThatWentBackAsksForAWholeReload() {
    record(CLI, "alice");
    feed.catchUp();
    delete("DELETE FROM template_changes");

    feed.catchUp();
    record(CLI, "bob");
    feed.catchUp();

    assertThat(heard).containsExactly("alice", null, "bob");
  }

  @Test
  void writersKeepOnlyTheLatestRows() {
    database.transaction(c -> {
      for (int i = 0; i < SqliteChangeFeed.KEPT + 5; i++) {
        SqliteChangeFeed.recordEnrollment(c, CLI, "user-" + i, i);
      }
      return null;
    });
    long rows = database.query(c -> {
      try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM template_changes");
          var result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    });
    assertThat(rows).isEqualTo(SqliteChangeFeed.KEPT);

    feed.catchUp();
    assertThat(heard).containsExactly((String) null);
  }

  @Test
  void anErasureNamesNoOneInTheLogAndPassesOnTheUsersWhoseRowIsGone() {
    record(CLI, "alice");
    insertUser("alice");
    feed.catchUp();
    delete("DELETE FROM users WHERE external_id IN ('alice', 'dora')");
    database.transaction(c -> {
      SqliteChangeFeed.recordErasure(c, CLI, "alice", System.currentTimeMillis());
      SqliteChangeFeed.recordErasure(c, CLI, "dora", System.currentTimeMillis());
      return null;
    });

    feed.catchUp();

    assertThat(heard.get(0)).isEqualTo("alice");
    assertThat(heard.subList(1, heard.size())).containsExactlyInAnyOrder("alice", "dora");
    long naming = database.query(c -> {
      try (PreparedStatement count = c.prepareStatement(
              "SELECT COUNT(*) FROM template_changes WHERE user_id IN ('alice', 'dora')");
          var result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    });
    assertThat(naming).isZero();
  }

  private void insertUser(String id) {
    database.query(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO users (id, external_id, status, created_at, updated_at) VALUES (?, ?, 'ACTIVE', 0, 0)")) {
        insert.setString(1, "row-" + id);
        insert.setString(2, id);
        return insert.executeUpdate();
      }
    });
  }

  private void record(String node, String user) {
    database.transaction(c -> {
      SqliteChangeFeed.recordEnrollment(c, node, user, System.currentTimeMillis());
      return null;
    });
  }

  private void delete(String sql) {
    database.query(c -> {
      try (PreparedStatement delete = c.prepareStatement(sql)) {
        return delete.executeUpdate();
      }
    });
  }
}
