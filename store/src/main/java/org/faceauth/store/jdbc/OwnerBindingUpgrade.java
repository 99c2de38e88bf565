package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.faceauth.store.crypto.TemplateCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates of a database written before their ciphertexts were bound to their owner, re-sealed once, and only when
 * an operator asks ({@code faceauth bind-template-owners}, {@link #bind}): each is decrypted with the old associated
 * data (template id and model id) and encrypted again under the current key, bound to its id, owner and model. The
 * database records that it is done ({@code template_key_state.aad_version} 2) in the same transaction, which holds the
 * state row (for update on PostgreSQL, SQLite's write lock), so template writes and key rotations wait for it.
 *
 * <p>Servers and every other command only check ({@link #requireOwnerBound}): a database that says it holds the old
 * format and has templates is refused, never re-sealed. The flag lives in the database, which the attacker this guards
 * against can write: were a start to re-seal, setting the flag back and putting in an old-format row (from a dump taken
 * before) would bind the attacker's face to any victim. Refusing turns that into a start that fails loudly.
 */
public final class OwnerBindingUpgrade {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerBindingUpgrade.class);
  /** {@code aad_version} before owners were bound. */
  private static final int UNBOUND = 1;
  /** {@code aad_version} once every row is bound to its owner. */
  private static final int OWNER_BOUND = 2;

  private OwnerBindingUpgrade() {}

  /**
   * Passes when every template is bound to its owner. A database in the old format without templates (a new one) is
   * marked owner-bound, since there is nothing to re-seal.
   *
   * @throws org.faceauth.core.FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISMATCH} when the database says it
   *     holds templates in the old format: the operator re-seals them once with {@code faceauth bind-template-owners},
   *     or, if that was done before, restores the tampered database from a backup
   */
  static void requireOwnerBound(Database database) {
    if (database.query(c -> aadVersion(c, false)) != UNBOUND) {
      return;
    }
    long templates = database.transaction(c -> {
      if (aadVersion(c, database.dialect() == Dialect.POSTGRESQL) != UNBOUND) {
        return 0L;
      }
      long count = templateCount(c);
      if (count == 0) {
        markOwnerBound(c);
      }
      return count;
    });
    if (templates > 0) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISMATCH, "This database holds " + templates
          + " face templates written before each template was bound to its owner. Stop every node and run "
          + "`faceauth bind-template-owners` once to re-seal them. If that was done before, the database has been "
          + "tampered with: restore it from a backup instead.");
    }
  }

  /**
   * Re-seals every template, bound to its owner, if the database says it holds the old format ({@link #UNBOUND}).
   * Run once by an operator after upgrading, with every node stopped.
   *
   * @return how many templates were re-sealed (0 if the database was owner-bound already)
   * @throws org.faceauth.core.FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} or
   *     {@link ErrorCode#TEMPLATE_KEY_MISMATCH} if a row does not decrypt; nothing is changed then
   */
  public static int bind(Database database, TemplateCipher cipher) {
    int resealed = database.transaction(c -> {
      if (aadVersion(c, database.dialect() == Dialect.POSTGRESQL) != UNBOUND) {
        return 0;
      }
      TemplateKeyState.useCurrentKey(c, database.dialect(), cipher);
      List<Resealed> rows = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
              "SELECT t.id, u.external_id, t.model_id, t.embedding, t.key_id "
                  + "FROM templates t JOIN users u ON u.id = t.user_id");
          ResultSet found = select.executeQuery()) {
        while (found.next()) {
          String id = found.getString("id");
          String modelId = found.getString("model_id");
          float[] vector =
              cipher.decryptUnbound(found.getBytes("embedding"), found.getString("key_id"), id, modelId);
          TemplateCipher.Binding binding =
              new TemplateCipher.Binding(id, UserId.of(found.getString("external_id")), modelId);
          rows.add(new Resealed(id, cipher.encrypt(vector, binding)));
        }
      }
      try (PreparedStatement update =
          c.prepareStatement("UPDATE templates SET embedding = ?, key_id = ? WHERE id = ?")) {
        for (Resealed row : rows) {
          update.setBytes(1, row.sealed().bytes());
          update.setString(2, row.sealed().keyId());
          update.setString(3, row.templateId());
          update.addBatch();
        }
        update.executeBatch();
      }
      markOwnerBound(c);
      return rows.size();
    });
    if (resealed > 0) {
      LOG.info("Bound {} templates to their owners: re-sealed once; the old binding is no longer accepted.", resealed);
    }
    return resealed;
  }

  /**
   * Whether a database, or a backup of one, says its templates are bound to their owners ({@code aad_version} is not
   * {@link #UNBOUND}; a missing state row counts as bound). The caller makes sure the column exists.
   */
  public static boolean ownerBound(Connection c) throws SQLException {
    return aadVersion(c, false) != UNBOUND;
  }

  private static long templateCount(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM templates");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void markOwnerBound(Connection c) throws SQLException {
    try (PreparedStatement done = c.prepareStatement("UPDATE template_key_state SET aad_version = ? WHERE id = 1")) {
      done.setInt(1, OWNER_BOUND);
      done.executeUpdate();
    }
  }

  /**
   * The database's {@code aad_version}; a missing state row counts as owner-bound: only a database that says it holds
   * the old format is read in it.
   */
  private static int aadVersion(Connection c, boolean lockForUpdate) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
            "SELECT aad_version FROM template_key_state WHERE id = 1" + (lockForUpdate ? " FOR UPDATE" : ""));
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getInt(1) : OWNER_BOUND;
    }
  }

  private record Resealed(String templateId, TemplateCipher.Sealed sealed) {}
}
