package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.user.UserId;
import org.faceauth.store.crypto.TemplateCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-seals, once, the templates of a database written before their ciphertexts were bound to their owner: each is
 * decrypted with the old associated data (template id and model id) and encrypted again under the current key, bound
 * to its id, owner and model. The database records that it is done ({@code template_key_state.aad_version} 2) in the
 * same transaction, so the old associated data is never accepted again. The transaction holds the state row (for
 * update on PostgreSQL, SQLite's write lock), so nodes starting together re-seal once, and template writes and key
 * rotations wait for it.
 */
final class OwnerBindingUpgrade {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerBindingUpgrade.class);
  /** {@code aad_version} before owners were bound. */
  private static final int UNBOUND = 1;
  /** {@code aad_version} once every row is bound to its owner. */
  private static final int OWNER_BOUND = 2;

  private OwnerBindingUpgrade() {}

  /**
   * Re-seals every template if the database says it holds the old format ({@link #UNBOUND}); does nothing otherwise.
   *
   * @throws org.faceauth.core.FaceAuthException {@link org.faceauth.core.ErrorCode#TEMPLATE_KEY_MISSING} or
   *     {@link org.faceauth.core.ErrorCode#TEMPLATE_KEY_MISMATCH} if a row does not decrypt; nothing is changed then
   */
  static void run(Database database, TemplateCipher cipher) {
    if (database.query(c -> aadVersion(c, false)) != UNBOUND) {
      return;
    }
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
      try (PreparedStatement done =
          c.prepareStatement("UPDATE template_key_state SET aad_version = ? WHERE id = 1")) {
        done.setInt(1, OWNER_BOUND);
        done.executeUpdate();
      }
      return rows.size();
    });
    if (resealed > 0) {
      LOG.info("Bound {} templates to their owners: re-sealed once; the old binding is no longer accepted.", resealed);
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
