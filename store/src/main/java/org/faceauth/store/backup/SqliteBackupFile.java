package org.faceauth.store.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.TemplateCipher;
import org.faceauth.store.jdbc.OwnerBindingUpgrade;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * A FaceAuth database held in one SQLite file, checked before it is trusted as a backup: SQLite's integrity and
 * foreign-key checks (a template without its user would be half an enrollment), a Flyway schema history whose applied
 * migrations are this version's own (none newer, same checksums), and on request, every template decrypting under a
 * key ring. Used on the copy a backup writes and on the copy a restore is about to move into place, never on a live
 * database.
 */
final class SqliteBackupFile {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int INTEGRITY_ERRORS_SHOWN = 5;
  /** SQLite's primary result codes for a damaged file and for a file that is not a database. */
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  private final Path file;

  SqliteBackupFile(Path file) {
    this.file = file;
  }

  /** A JDBC URL of the file, for this class and Flyway. */
  String url() {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /**
   * Runs the integrity, foreign-key and schema checks and reads what the file holds.
   *
   * @param name how messages call the file (the backup's own path, not a temporary copy's)
   * @throws FaceAuthException {@link ErrorCode#BACKUP_INVALID} when a check fails
   */
  BackupContents inspect(Path name) {
    requireSqliteHeader(name);
    try (Connection c = DriverManager.getConnection(url())) {
      requireIntact(c, name);
      String version = schemaVersion(c, name);
      requireKnownSchema(name, version);
      return new BackupContents(
          version, count(c, "users"), count(c, "templates"), count(c, "api_keys"), keyIds(c));
    } catch (SQLException e) {
      int primary = e.getErrorCode() & 0xff;
      if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        throw invalid(name + " is damaged: SQLite cannot read it (" + e.getMessage() + ").", e);
      }
      throw invalid(name + " cannot be read as a FaceAuth database: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts every template with {@code ring}, so that a backup is only restored with the key that reads it.
   *
   * @param ringSource where the ring came from, for messages
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} when the ring lacks a key the templates name;
   *     {@link ErrorCode#TEMPLATE_KEY_MISMATCH} when a template does not authenticate under its key
   */
  void requireDecryptable(Path name, BackupContents contents, KeyRing ring, String ringSource) {
    List<String> missing = contents.keyIds().stream().filter(id -> ring.key(id).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING,
          "The templates in " + name + " are encrypted with key " + String.join(", ", contents.keyIds())
              + ", but the key ring " + ringSource + " holds " + String.join(", ", ring.ids())
              + ": give the key ring saved with this backup (faceauth backup --key-out). Nothing was restored.");
    }
    TemplateCipher cipher = new TemplateCipher(ring);
    try (Connection c = DriverManager.getConnection(url())) {
      boolean ownerBound = ownerBound(c);
      try (Statement select = c.createStatement();
          ResultSet rows = select.executeQuery("SELECT t.id, u.external_id, t.model_id, t.key_id, t.embedding "
              + "FROM templates t JOIN users u ON u.id = t.user_id")) {
        while (rows.next()) {
          String id = rows.getString("id");
          String modelId = rows.getString("model_id");
          try {
            if (ownerBound) {
              cipher.decrypt(rows.getBytes("embedding"), rows.getString("key_id"),
                  new TemplateCipher.Binding(id, UserId.of(rows.getString("external_id")), modelId));
            } else {
              cipher.decryptUnbound(rows.getBytes("embedding"), rows.getString("key_id"), id, modelId);
            }
          } catch (FaceAuthException e) {
            throw new FaceAuthException(e.code(),
                "Template " + id + " in " + name + " does not decrypt with key " + rows.getString("key_id")
                    + " of the key ring " + ringSource + ": the key is not the one it was written with, or the "
                    + "backup was altered. Nothing was restored.", e);
          }
        }
      }
    } catch (SQLException e) {
      throw invalid(name + " cannot be read as a FaceAuth database: " + e.getMessage(), e);
    }
  }

  /**
   * Whether the backup's templates are bound to their owners ({@link OwnerBindingUpgrade#ownerBound}). A backup taken
   * before that column existed, or before its templates were re-sealed, holds the old format; the operator re-seals
   * them once after restoring ({@code faceauth bind-template-owners}).
   */
  private static boolean ownerBound(Connection c) throws SQLException {
    try (Statement column = c.createStatement();
        ResultSet found = column.executeQuery(
            "SELECT 1 FROM pragma_table_info('template_key_state') WHERE name = 'aad_version'")) {
      if (!found.next()) {
        return false;
      }
    }
    return OwnerBindingUpgrade.ownerBound(c);
  }

  private void requireSqliteHeader(Path name) {
    byte[] header = new byte[SQLITE_MAGIC.length];
    try (InputStream in = Files.newInputStream(file)) {
      int read = in.readNBytes(header, 0, header.length);
      if (read < header.length || !Arrays.equals(header, SQLITE_MAGIC)) {
        throw invalid(name + " is not a SQLite database, so not a FaceAuth backup.", null);
      }
    } catch (IOException e) {
      throw invalid("Cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static void requireIntact(Connection c, Path name) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement check = c.createStatement();
        ResultSet rows = check.executeQuery("PRAGMA integrity_check(" + INTEGRITY_ERRORS_SHOWN + ")")) {
      while (rows.next()) {
        problems.add(rows.getString(1));
      }
    }
    if (!problems.equals(List.of("ok"))) {
      throw invalid(name + " is damaged (SQLite integrity check: " + String.join("; ", problems) + ").", null);
    }
    try (Statement check = c.createStatement(); ResultSet rows = check.executeQuery("PRAGMA foreign_key_check")) {
      if (rows.next()) {
        throw invalid(name + " is damaged: table " + rows.getString(1) + " has rows whose " + rows.getString(3)
            + " row is missing.", null);
      }
    }
    requireNoTriggersOrViews(c, name);
  }

  /**
   * FaceAuth's schema has no triggers and no views; a file that holds some was altered outside FaceAuth (a backup
   * changed on its medium), and a trigger would live on in the restored store (undoing key revocations, copying rows),
   * so it is refused.
   */
  private static void requireNoTriggersOrViews(Connection c, Path name) throws SQLException {
    try (Statement check = c.createStatement(); ResultSet rows = check.executeQuery(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name")) {
      if (rows.next()) {
        throw invalid(name + " holds " + rows.getString(1) + " " + rows.getString(2) + ", which FaceAuth's schema "
            + "does not have: the database was altered outside FaceAuth.", null);
      }
    }
  }

  private static String schemaVersion(Connection c, Path name) throws SQLException {
    try (Statement select = c.createStatement();
        ResultSet rows = select.executeQuery(
            "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL "
                + "ORDER BY installed_rank DESC LIMIT 1")) {
      if (rows.next()) {
        return rows.getString(1);
      }
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("no such table")) {
        throw invalid(name + " holds no FaceAuth schema history: it is not a FaceAuth database.", e);
      }
      throw e;
    }
    throw invalid(name + " holds no applied FaceAuth migration: it is not a FaceAuth database.", null);
  }

  private void requireKnownSchema(Path name, String version) {
    try {
      Flyway flyway = Flyway.configure()
          .dataSource(url(), null, null)
          .locations("classpath:db/migration")
          .ignoreMigrationPatterns("*:pending")
          .load();
      for (MigrationInfo applied : flyway.info().applied()) {
        if (applied.getState() == MigrationState.FUTURE_SUCCESS) {
          throw invalid(name + " has schema version " + version + ", made by a newer FaceAuth than this one; "
              + "restore it with that version.", null);
        }
      }
      ValidateResult result = flyway.validateWithResult();
      if (!result.validationSuccessful) {
        throw invalid(name + " has schema version " + version + ", whose migrations differ from this FaceAuth's: "
            + result.getAllErrorMessages(), null);
      }
    } catch (FlywayException e) {
      throw invalid("Cannot check the schema of " + name + ": " + e.getMessage(), e);
    }
  }

  private static int count(Connection c, String table) throws SQLException {
    try (Statement select = c.createStatement();
        ResultSet rows = select.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static List<String> keyIds(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT key_id FROM templates ORDER BY key_id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private static FaceAuthException invalid(String message, Throwable cause) {
    return new FaceAuthException(ErrorCode.BACKUP_INVALID, message, cause);
  }
}
