package org.faceauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.template.Template;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.TemplateCipher;

/**
 * Re-encrypts every stored template under a new key ring (the database half of a key rotation). Kept apart from the
 * template store because it rewrites every row in one transaction and then switches the shared cipher, which no
 * ordinary read or write does.
 */
public final class TemplateReencryption {
  private final Database database;
  private final TemplateCipher cipher;

  /**
   * @param database an open, migrated database (owned by the caller)
   * @param cipher the cipher the template store reads with; switched to the new ring once the rows have committed
   */
  public TemplateReencryption(Database database, TemplateCipher cipher) {
    this.database = database;
    this.cipher = cipher;
  }

  /**
   * Re-encrypts every template under {@code newRing}'s current key, still bound to its id, owner and model, in one
   * transaction; the cipher switches to the new ring only once it has committed.
   *
   * @return how many templates were re-encrypted
   */
  public int reencryptAll(KeyRing newRing) {
    TemplateCipher target = new TemplateCipher(newRing);
    int count = database.transaction(c -> {
      List<Template> all = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
              "SELECT " + TemplateRows.COLUMNS + " FROM templates t JOIN users u ON u.id = t.user_id");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          all.add(TemplateRows.read(rows, cipher));
        }
      }
      try (PreparedStatement update =
          c.prepareStatement("UPDATE templates SET embedding = ?, key_id = ? WHERE id = ?")) {
        for (Template template : all) {
          TemplateCipher.Sealed sealed =
              target.encrypt(template.embedding().vector(), TemplateRows.binding(template));
          update.setBytes(1, sealed.bytes());
          update.setString(2, sealed.keyId());
          update.setString(3, template.id());
          update.addBatch();
        }
        update.executeBatch();
      }
      return all.size();
    });
    cipher.use(newRing);
    return count;
  }
}
