package org.faceauth.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A pooled connection to FaceAuth's database, migrated to the current schema by Flyway on opening. SQLite runs in WAL
 * mode with foreign keys on, {@code secure_delete} (erased rows are overwritten, not left in free pages) and write
 * transactions that take the write lock when they begin (so concurrent writers wait instead of failing).
 */
public final class Database implements AutoCloseable {
  private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

  private final String url;
  private final Dialect dialect;
  private final HikariDataSource pool;

  private Database(String url, Dialect dialect, HikariDataSource pool) {
    this.url = url;
    this.dialect = dialect;
    this.pool = pool;
  }

  /**
   * Connects and migrates.
   *
   * @throws FaceAuthException {@link ErrorCode#STORE_FAILED} if the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("faceauth");
    config.setDataSourceProperties(connectionProperties(dialect));
    config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 4 : 10);
    config.setConnectionTimeout(dialect == Dialect.SQLITE ? SQLITE_BUSY_TIMEOUT_MS : 10_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new FaceAuthException(
          ErrorCode.STORE_FAILED, "Cannot connect to " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(pool).locations(migrationLocations(dialect)).load().migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new FaceAuthException(
          ErrorCode.STORE_FAILED, "Cannot migrate the schema of " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Database(jdbcUrl, dialect, pool);
  }

  /**
   * Where the migrations are: {@code db/migration} for every database, and {@code db/postgresql} for what only
   * several nodes need (the shared rate-limit buckets), versioned in the same sequence.
   */
  private static String[] migrationLocations(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL
        ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
        : new String[] {"classpath:db/migration"};
  }

  public Dialect dialect() {
    return dialect;
  }

  public DataSource dataSource() {
    return pool;
  }

  /** A connection from the pool. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** A connection outside the pool, held for a long time (a LISTEN session). */
  Connection dedicatedConnection() throws SQLException {
    return DriverManager.getConnection(url, connectionProperties(dialect));
  }

  /** Whether a pooled connection answers within {@code seconds} (for health checks). */
  public boolean reachable(int seconds) {
    try (Connection c = connection()) {
      return c.isValid(seconds);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Work done with one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on a pooled connection in auto-commit mode.
   *
   * @throws FaceAuthException {@link ErrorCode#STORE_FAILED} when the database fails
   */
  public <T> T query(SqlWork<T> work) {
    try (Connection c = connection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws FaceAuthException {@link ErrorCode#STORE_FAILED} when the database fails
   */
  public <T> T transaction(SqlWork<T> work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private FaceAuthException failure(SQLException e) {
    return new FaceAuthException(
        ErrorCode.STORE_FAILED, "Database operation failed on " + describe() + ": " + e.getMessage(), e);
  }

  /** The URL without any password, for messages. */
  public String describe() {
    return redacted(url);
  }

  private static Properties connectionProperties(Dialect dialect) {
    Properties properties = new Properties();
    if (dialect == Dialect.SQLITE) {
      properties.setProperty("journal_mode", "WAL");
      properties.setProperty("foreign_keys", "true");
      properties.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
      properties.setProperty("secure_delete", "true");
      properties.setProperty("synchronous", "NORMAL");
      properties.setProperty("transaction_mode", "IMMEDIATE");
    }
    return properties;
  }

  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  @Override
  public void close() {
    pool.close();
  }
}
