package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.TemplateCipher;

/**
 * Which template key is current for every node on the database ({@code template_key_state}), and how nodes hear that
 * it changed. A template write reads the row in its own transaction (row-locked for share on PostgreSQL, under the
 * write lock on SQLite) and encrypts with that key, reading the key file again first when its ring is older; a key
 * rotation {@linkplain #announce announces} the new key (waiting for writes that read the old one to commit) before
 * re-encrypting, so once the re-encryption has committed no row is, or can still be, written under the old key. On
 * PostgreSQL the announcement is also a NOTIFY, on which every node reads its key file again ({@link #follow}).
 * Thread-safe.
 */
public final class TemplateKeyState {
  /** The NOTIFY channel of key-ring changes. */
  static final String CHANNEL = "faceauth_keys";

  private final Database database;
  private final Clock clock;
  private final String nodeId = UUID.randomUUID().toString();

  /** @param database an open, migrated database (owned by the caller) */
  public TemplateKeyState(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Makes {@code keyId} the current key of every node: committed once every write that read the previous one has
   * committed; other nodes on PostgreSQL are told to read their key file again.
   */
  public void announce(String keyId) {
    database.transaction(c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE template_key_state SET current_key_id = ?, changed_at = ? WHERE id = 1")) {
        update.setString(1, keyId);
        update.setLong(2, clock.millis());
        update.executeUpdate();
      }
      if (database.dialect() == Dialect.POSTGRESQL) {
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
          notify.setString(1, CHANNEL);
          notify.setString(2, PostgresChangeFeed.payload(nodeId, keyId));
          notify.execute();
        }
      }
      return null;
    });
  }

  /**
   * Reads the key file again ({@link TemplateCipher#refresh}) whenever another node or command announces a key, and
   * after a lost connection. A no-op on SQLite (one node; a write still finds a newer key by {@link #useCurrentKey}).
   */
  public Following follow(TemplateCipher cipher) {
    if (database.dialect() != Dialect.POSTGRESQL) {
      return () -> {};
    }
    return PostgresChangeFeed.start(database, CHANNEL, nodeId, announced -> cipher.refresh())::close;
  }

  /** Listening for announced keys; closing stops it. */
  public interface Following extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Within a template write's transaction: makes sure {@code cipher} encrypts with the database's current key, reading
   * the key file again when the cipher's ring is older. Holds the state row (for share) until the transaction ends.
   *
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} if even the key file read again does not hold
   *     the current key
   */
  static void useCurrentKey(Connection c, Dialect dialect, TemplateCipher cipher) throws SQLException {
    String current;
    try (PreparedStatement select = c.prepareStatement("SELECT current_key_id FROM template_key_state WHERE id = 1"
        + (dialect == Dialect.POSTGRESQL ? " FOR SHARE" : ""));
        ResultSet rows = select.executeQuery()) {
      current = rows.next() ? rows.getString(1) : "";
    }
    // A ring that holds the announced key is as new as the database or newer: a rotation saves the new ring to the
    // key file before it announces the new key, so a node may already encrypt with it. That is safe: every node can
    // read it from the file, and the announcement waits for this transaction before the re-encryption starts.
    if (current.isEmpty() || cipher.ring().key(current).isPresent()) {
      return;
    }
    KeyRing fresh = cipher.refresh();
    if (fresh.key(current).isEmpty()) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING,
          "The database's current template key is " + current + " but this node's key ring holds only "
              + fresh.ids() + ": give every node the same FACEAUTH_KEY_FILE.");
    }
  }
}
