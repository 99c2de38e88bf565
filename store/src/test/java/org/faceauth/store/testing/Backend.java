package org.faceauth.store.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database for one test: a SQLite file in a temporary folder, or a new schema on the local PostgreSQL
 * server ({@code FACEAUTH_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). The
 * PostgreSQL tests fail, never skip, when the server is down: {@code ./run-tests} starts it.
 */
public sealed interface Backend permits Backend.Sqlite, Backend.Postgres {
  /** The JDBC URL of the fresh database. */
  String url();

  /** Drops what {@link #url()} holds. */
  void drop();

  record Sqlite(Path folder) implements Backend {
    @Override
    public String url() {
      return "jdbc:sqlite:" + folder.resolve("test.db");
    }

    @Override
    public void drop() {}
  }

  record Postgres(String serverUrl, String schema) implements Backend {
    public static Postgres fresh() {
      String server = System.getenv().getOrDefault(
          "FACEAUTH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      String schema = "faceauth_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      execute(server, "CREATE SCHEMA " + schema);
      return new Postgres(server, schema);
    }

    @Override
    public String url() {
      return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void drop() {
      execute(serverUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String url, String sql) {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "PostgreSQL at " + url + " is needed by this test and is not usable (" + e.getMessage() + "). Start it: "
                + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
      }
    }
  }
}
