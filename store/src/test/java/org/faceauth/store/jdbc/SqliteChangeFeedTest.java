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
 * The SQLite change log: a catch-up passes on each user other processes changed since the last one, once, and never
 * this process's own; it asks for a whole reload ({@code null}) when rows it has not read were pruned or the numbering
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
        SqliteChangeFeed.record(c, CLI, "user-" + i, i);
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

  private void record(String node, String user) {
    database.transaction(c -> {
      SqliteChangeFeed.record(c, node, user, System.currentTimeMillis());
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
