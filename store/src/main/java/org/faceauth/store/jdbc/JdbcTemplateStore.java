package org.faceauth.store.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.template.ChangeFeed;
import org.faceauth.core.template.Template;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.user.UserStatus;
import org.faceauth.store.crypto.TemplateCipher;

/**
 * Users and their encrypted templates in a SQL database (SQLite or PostgreSQL, one schema). Each write is one
 * transaction. Every template change also tells the other processes on the database, in that transaction, so they hear
 * of it exactly when it commits: on PostgreSQL a NOTIFY ({@link PostgresChangeFeed}), on SQLite a row in
 * {@code template_changes} that the others read before their next decision ({@link SqliteChangeFeed}; an erasure's row
 * does not name the user). The audit log ({@link JdbcAuditLog}) and key rotation ({@link TemplateReencryption}) live
 * beside it. Thread-safe.
 */
public final class JdbcTemplateStore implements TemplateStore {
  /** The NOTIFY channel of template changes. */
  static final String CHANNEL = "faceauth_templates";


  private final Database database;
  private final TemplateCipher cipher;
  private final Clock clock;
  private final String nodeId = UUID.randomUUID().toString();
  private final SecureRandom random = new SecureRandom();

  /**
   * A database whose templates were written before ciphertexts were bound to their owner is refused until an operator
   * re-seals them ({@link OwnerBindingUpgrade}).
   *
   * @param database an open, migrated database (owned by the caller)
   * @param cipher encrypts and decrypts embeddings
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} or {@link ErrorCode#TEMPLATE_KEY_MISMATCH} if
   *     the stored templates were written with a key the cipher does not hold, were altered, or are not bound to their
   *     owners yet
   */
  public JdbcTemplateStore(Database database, TemplateCipher cipher, Clock clock) {
    this.database = database;
    this.cipher = cipher;
    this.clock = clock;
    OwnerBindingUpgrade.requireOwnerBound(database);
    checkKeys();
  }

  @Override
  public User enroll(
      UserId user, UserProfile profile, List<Template> templates, boolean replace, Runnable beforeCommit) {
    database.transaction(c -> {
      long now = clock.millis();
      Optional<String> rowId = internalId(c, user);
      String id;
      if (rowId.isEmpty()) {
        id = insertUser(c, user, profile, now);
      } else {
        id = rowId.get();
        try (PreparedStatement update = c.prepareStatement(
            "UPDATE users SET display_name = COALESCE(?, display_name), email = COALESCE(?, email), "
                + "consent_at = COALESCE(?, consent_at), updated_at = ? WHERE id = ?")) {
          update.setString(1, profile.displayName().orElse(null));
          update.setString(2, profile.email().orElse(null));
          setMillis(update, 3, profile.consentAt());
          update.setLong(4, now);
          update.setString(5, id);
          update.executeUpdate();
        }
        if (replace) {
          try (PreparedStatement delete = c.prepareStatement("DELETE FROM templates WHERE user_id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
          }
        }
      }
      TemplateKeyState.useCurrentKey(c, database.dialect(), cipher);
      try (PreparedStatement insert = c.prepareStatement(TemplateRows.INSERT)) {
        for (Template template : templates) {
          if (!template.user().equals(user)) {
            throw new IllegalArgumentException("template " + template.id() + " belongs to " + template.user());
          }
          TemplateRows.addInsert(insert, id, template, cipher);
        }
        insert.executeBatch();
      }
      notifyChange(c, user, false, now);
      beforeCommit.run();
      return null;
    });
    return user(user).orElseThrow();
  }

  @Override
  public User create(UserId user, UserProfile profile) {
    database.transaction(c -> {
      if (internalId(c, user).isPresent()) {
        throw new FaceAuthException(ErrorCode.USER_EXISTS, "A user '" + user + "' already exists.");
      }
      return insertUser(c, user, profile, clock.millis());
    });
    return user(user).orElseThrow();
  }

  private static String insertUser(Connection c, UserId user, UserProfile profile, long now) throws SQLException {
    String id = UUID.randomUUID().toString();
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO users (id, external_id, display_name, email, status, consent_at, created_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, user.value());
      insert.setString(3, profile.displayName().orElse(null));
      insert.setString(4, profile.email().orElse(null));
      insert.setString(5, UserStatus.ACTIVE.name());
      setMillis(insert, 6, profile.consentAt());
      insert.setLong(7, now);
      insert.setLong(8, now);
      insert.executeUpdate();
    }
    return id;
  }

  @Override
  public Optional<User> user(UserId user) {
    return database.query(c -> {
      try (PreparedStatement select =
          c.prepareStatement("SELECT " + UserRows.COLUMNS + " FROM users u WHERE u.external_id = ?")) {
        select.setString(1, user.value());
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(UserRows.read(rows)) : Optional.<User>empty();
        }
      }
    });
  }

  @Override
  public List<User> users() {
    return database.query(c -> {
      List<User> users = new ArrayList<>();
      try (PreparedStatement select =
              c.prepareStatement("SELECT " + UserRows.COLUMNS + " FROM users u ORDER BY u.external_id");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          users.add(UserRows.read(rows));
        }
      }
      return users;
    });
  }

  @Override
  public List<Template> templates(UserId user) {
    return database.query(c -> {
      List<Template> templates = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
          "SELECT " + TemplateRows.COLUMNS + " FROM templates t JOIN users u ON u.id = t.user_id "
              + "WHERE u.external_id = ? ORDER BY t.created_at, t.id")) {
        select.setString(1, user.value());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            templates.add(TemplateRows.read(rows, cipher));
          }
        }
      }
      return templates;
    });
  }

  @Override
  public void forEachTemplate(Consumer<Template> sink) {
    database.transaction(c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT " + TemplateRows.COLUMNS + " FROM templates t JOIN users u ON u.id = t.user_id "
              + "ORDER BY u.external_id, t.created_at, t.id")) {
        select.setFetchSize(1000);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            sink.accept(TemplateRows.read(rows, cipher));
          }
        }
      }
      return null;
    });
  }

  @Override
  public Optional<String> erase(UserId user) {
    Optional<String> pseudonym = database.transaction(c -> {
      JdbcLoginAttempts.forget(c, user);
      // Invitations name the user id in clear; they go with the user (an invitation of an id never enrolled too).
      try (PreparedStatement invitations = c.prepareStatement("DELETE FROM invitations WHERE user_id = ?")) {
        invitations.setString(1, user.value());
        invitations.executeUpdate();
      }
      Optional<String> id = internalId(c, user);
      if (id.isEmpty()) {
        return Optional.<String>empty();
      }
      try (PreparedStatement templates = c.prepareStatement("DELETE FROM templates WHERE user_id = ?");
          PreparedStatement users = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
        templates.setString(1, id.get());
        templates.executeUpdate();
        users.setString(1, id.get());
        users.executeUpdate();
      }
      byte[] bytes = new byte[6];
      random.nextBytes(bytes);
      String alias = "erased-" + HexFormat.of().formatHex(bytes);
      JdbcAuditLog.pseudonymise(c, user, alias);
      notifyChange(c, user, true, clock.millis());
      return Optional.of(alias);
    });
    if (pseudonym.isPresent() && database.dialect() == Dialect.SQLITE) {
      truncateWriteAheadLog();
    }
    return pseudonym;
  }

  /**
   * Copies the write-ahead log into the database file and empties it, so that the pages an erasure overwrote (with
   * {@code secure_delete} on) no longer survive in the log either.
   */
  private void truncateWriteAheadLog() {
    database.query(c -> {
      try (Statement checkpoint = c.createStatement()) {
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      return null;
    });
  }

  @Override
  public ChangeFeed subscribe(Consumer<UserId> listener) {
    Consumer<String> byId = changed -> {
      if (changed == null) {
        listener.accept(null);
      } else if (UserId.isValid(changed)) {
        listener.accept(UserId.of(changed));
      }
    };
    return database.dialect() == Dialect.POSTGRESQL
        ? PostgresChangeFeed.start(database, CHANNEL, nodeId, byId)
        : SqliteChangeFeed.start(database, nodeId, byId);
  }

  /** The database belongs to whoever opened it; nothing to release here. */
  @Override
  public void close() {}

  private void checkKeys() {
    database.query(c -> {
      List<String> keyIds = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT key_id FROM templates");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keyIds.add(rows.getString(1));
        }
      }
      for (String keyId : keyIds) {
        try (PreparedStatement one = c.prepareStatement(
            "SELECT " + TemplateRows.COLUMNS + " FROM templates t JOIN users u ON u.id = t.user_id "
                + "WHERE t.key_id = ? LIMIT 1")) {
          one.setString(1, keyId);
          try (ResultSet rows = one.executeQuery()) {
            if (rows.next()) {
              TemplateRows.read(rows, cipher);
            }
          }
        }
      }
      return null;
    });
  }

  private static Optional<String> internalId(Connection c, UserId user) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT id FROM users WHERE external_id = ?")) {
      select.setString(1, user.value());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private void notifyChange(Connection c, UserId user, boolean erased, long now) throws SQLException {
    if (database.dialect() == Dialect.POSTGRESQL) {
      try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
        notify.setString(1, CHANNEL);
        notify.setString(2, PostgresChangeFeed.payload(nodeId, user.value()));
        notify.execute();
      }
    } else if (erased) {
      SqliteChangeFeed.recordErasure(c, nodeId, user.value(), now);
    } else {
      SqliteChangeFeed.recordEnrollment(c, nodeId, user.value(), now);
    }
  }

  private static void setMillis(PreparedStatement statement, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.get().toEpochMilli());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }


}
