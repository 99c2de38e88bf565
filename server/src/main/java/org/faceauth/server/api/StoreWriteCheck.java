package org.faceauth.server.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.store.FaceAuthSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the store takes writes right now: a table created and rolled back in one database transaction, and a file
 * created and deleted in the data directory. Answers with short reasons fit for an unauthenticated caller; the
 * underlying errors go to the log.
 */
@Component
class StoreWriteCheck {
  private static final Logger LOG = LoggerFactory.getLogger(StoreWriteCheck.class);

  private final FaceAuthSystem system;

  StoreWriteCheck(FaceAuthSystem system) {
    this.system = system;
  }

  /** The reasons the store cannot be written; empty when it can. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    try (Connection connection = system.database().connection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(2);
        statement.execute("CREATE TABLE faceauth_health_probe (probe INTEGER)");
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOG.warn("Health: the database does not take writes: {}", e.getMessage());
      problems.add("the database does not take writes");
    }
    Path dataDirectory = system.settings().dataDirectory();
    try {
      Files.delete(Files.createTempFile(dataDirectory, ".health-", ".probe"));
    } catch (IOException e) {
      LOG.warn("Health: the data directory {} is not writable: {}", dataDirectory, e.toString());
      problems.add("the data directory is not writable");
    }
    return problems;
  }
}
