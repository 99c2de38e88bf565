package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.template.ChangeFeed;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a PostgreSQL NOTIFY channel on a dedicated connection and passes on what other nodes changed (a user id,
 * a key ring). Payloads are {@code nodeId:subject}; this node's own are skipped. When the connection drops it
 * reconnects, and tells the listener to reload everything ({@code null}), since notifications sent meanwhile are lost.
 * Changes are pushed as they arrive, so {@link #catchUp()} has nothing to do.
 */
final class PostgresChangeFeed implements ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
  private static final int POLL_MILLIS = 250;
  private static final long RETRY_MILLIS = 1000;

  private final Database database;
  private final String channel;
  private final String nodeId;
  private final Consumer<String> listener;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  private PostgresChangeFeed(Database database, String channel, String nodeId, Consumer<String> listener) {
    this.database = database;
    this.channel = channel;
    this.nodeId = nodeId;
    this.listener = listener;
    this.thread = new Thread(this::run, "faceauth-change-feed");
    this.thread.setDaemon(true);
  }

  /** Starts listening; returns once LISTEN is in effect, so no change committed afterwards is missed. */
  static PostgresChangeFeed start(Database database, String channel, String nodeId, Consumer<String> listener) {
    PostgresChangeFeed feed = new PostgresChangeFeed(database, channel, nodeId, listener);
    try {
      feed.connect();
    } catch (SQLException e) {
      throw new FaceAuthException(
          ErrorCode.STORE_FAILED, "Cannot LISTEN on " + database.describe() + ": " + e.getMessage(), e);
    }
    feed.thread.start();
    return feed;
  }

  static String payload(String nodeId, String subject) {
    return nodeId + ":" + subject;
  }

  private void connect() throws SQLException {
    Connection c = database.dedicatedConnection();
    try (Statement listen = c.createStatement()) {
      listen.execute("LISTEN " + channel);
    }
    connection = c;
  }

  private void run() {
    while (running) {
      try {
        if (connection == null) {
          connect();
          listener.accept(null);
        }
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications != null) {
          for (PGNotification n : notifications) {
            deliver(n.getParameter());
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("Change feed on {} failed ({}); reconnecting", database.describe(), e.getMessage());
        closeConnection();
        sleepBeforeRetry();
      }
    }
  }

  private void deliver(String payload) {
    int cut = payload.indexOf(':');
    if (cut < 0 || payload.substring(0, cut).equals(nodeId)) {
      return;
    }
    listener.accept(payload.substring(cut + 1));
  }

  private void sleepBeforeRetry() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing the change feed connection failed", e);
      }
    }
  }

  /** Notifications are delivered by the listening thread as they arrive. */
  @Override
  public void catchUp() {}

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnection();
  }
}
