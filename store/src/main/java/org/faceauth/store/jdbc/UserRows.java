package org.faceauth.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.user.UserStatus;

/** How a user is read from the {@code users} table ({@code users u}): shared by the template store and directory. */
final class UserRows {
  /** The columns {@link #read} needs, from {@code users u}. */
  static final String COLUMNS =
      "u.external_id, u.display_name, u.email, u.status, u.consent_at, u.created_at, u.updated_at, "
          + "(SELECT COUNT(*) FROM templates t WHERE t.user_id = u.id) AS template_count";

  private UserRows() {}

  /** The user on the current row. */
  static User read(ResultSet rows) throws SQLException {
    long consent = rows.getLong("consent_at");
    Optional<Instant> consentAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(consent));
    UserProfile profile = new UserProfile(
        Optional.ofNullable(rows.getString("display_name")), Optional.ofNullable(rows.getString("email")), consentAt);
    return new User(
        UserId.of(rows.getString("external_id")), profile, UserStatus.valueOf(rows.getString("status")),
        rows.getInt("template_count"), Instant.ofEpochMilli(rows.getLong("created_at")),
        Instant.ofEpochMilli(rows.getLong("updated_at")));
  }
}
