package org.faceauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.template.Template;
import org.faceauth.core.user.UserId;
import org.faceauth.store.crypto.TemplateCipher;

/**
 * How a template is laid out in the {@code templates} table: the columns selected (joined with {@code users u}) and
 * the encrypted embedding read or written through a {@link TemplateCipher}, bound to the template's id, its owner (the
 * user's external id) and its model. Shared by the template store and the key
 * rotation so both read rows the same way.
 */
final class TemplateRows {
  /** The columns {@link #read} needs, from {@code templates t JOIN users u}. */
  static final String COLUMNS =
      "t.id, u.external_id, t.model_id, t.detector, t.embedding, t.key_id, t.quality, t.created_at";

  /** The insert that {@link #addInsert} fills. */
  static final String INSERT =
      "INSERT INTO templates (id, user_id, model_id, detector, embedding, key_id, quality, created_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private TemplateRows() {}

  /** The template on the current row, decrypted. */
  static Template read(ResultSet rows, TemplateCipher cipher) throws SQLException {
    String id = rows.getString("id");
    UserId owner = UserId.of(rows.getString("external_id"));
    String modelId = rows.getString("model_id");
    float[] vector = cipher.decrypt(
        rows.getBytes("embedding"), rows.getString("key_id"), new TemplateCipher.Binding(id, owner, modelId));
    return new Template(
        id, owner, new Embedding(modelId, vector), rows.getString("detector"), rows.getDouble("quality"),
        Instant.ofEpochMilli(rows.getLong("created_at")));
  }

  /** What {@code template}'s ciphertext is bound to: its id, its owner and its model. */
  static TemplateCipher.Binding binding(Template template) {
    return new TemplateCipher.Binding(template.id(), template.user(), template.embedding().modelId());
  }

  /** Adds {@code template}, encrypted, to the batch of an {@link #INSERT} statement. */
  static void addInsert(PreparedStatement insert, String userRowId, Template template, TemplateCipher cipher)
      throws SQLException {
    Embedding embedding = template.embedding();
    TemplateCipher.Sealed sealed = cipher.encrypt(embedding.vector(), binding(template));
    insert.setString(1, template.id());
    insert.setString(2, userRowId);
    insert.setString(3, embedding.modelId());
    insert.setString(4, template.detector());
    insert.setBytes(5, sealed.bytes());
    insert.setString(6, sealed.keyId());
    insert.setDouble(7, template.quality());
    insert.setLong(8, template.createdAt().toEpochMilli());
    insert.addBatch();
  }
}
