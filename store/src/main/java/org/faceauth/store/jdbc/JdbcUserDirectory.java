package org.faceauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.faceauth.core.flow.AttemptKey;
import org.faceauth.core.user.UserDirectory;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserPage;
import org.faceauth.core.user.UserQuery;
import org.faceauth.core.user.UserStatus;
import org.faceauth.core.user.UserSummary;

/**
 * The operators' view of the {@code users} table: search, filters and paging in SQL (LIMIT/OFFSET over a stable order
 * by id), with each user's template quality, last successful verification (from the audit log) and lock (from
 * {@code login_attempts}). Thread-safe.
 */
public final class JdbcUserDirectory implements UserDirectory {
  /**
   * The ledger rows whose lock refuses everyone who claims the id: the trusted callers' and the anonymous callers' from
   * every network ({@link AttemptKey}), not one network's, which an anonymous stranger can lock for themselves.
   */
  private static final String LOCKS_EVERYONE = "l.claimed_id IN (u.external_id, u.external_id || '"
      + AttemptKey.EVERY_NETWORK_SUFFIX + "')";

  private static final String SUMMARY_COLUMNS = UserRows.COLUMNS
      + ", (SELECT AVG(t.quality) FROM templates t WHERE t.user_id = u.id) AS mean_quality"
      + ", (SELECT MAX(a.at) FROM audit_log a WHERE a.subject = u.external_id AND a.action = 'VERIFY'"
      + " AND a.outcome = 'match') AS last_verified_at"
      + ", (SELECT MAX(l.locked_until) FROM login_attempts l WHERE " + LOCKS_EVERYONE + ") AS locked_until";

  private static final String LOCKED =
      "EXISTS (SELECT 1 FROM login_attempts l WHERE (" + LOCKS_EVERYONE + ") AND l.locked_until > ?)";

  private final Database database;
  private final Clock clock;

  /** @param database an open, migrated database (owned by the caller) */
  public JdbcUserDirectory(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public UserPage search(UserQuery query, Instant now) {
    List<Object> parameters = new ArrayList<>();
    String where = where(query, now, parameters);
    return database.query(c -> {
      PagedSelect.Page<UserSummary> page = PagedSelect.read(c, SUMMARY_COLUMNS, "users u", where, parameters,
          "u.external_id", query.page(), query.size(), row -> readSummary(row, now));
      return new UserPage(page.items(), page.total());
    });
  }

  @Override
  public Optional<UserSummary> summary(UserId user, Instant now) {
    return database.query(c -> {
      try (PreparedStatement select =
          c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM users u WHERE u.external_id = ?")) {
        select.setString(1, user.value());
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(readSummary(rows, now)) : Optional.<UserSummary>empty();
        }
      }
    });
  }

  @Override
  public boolean setStatus(UserId user, UserStatus status) {
    return database.transaction(c -> {
      try (PreparedStatement update =
          c.prepareStatement("UPDATE users SET status = ?, updated_at = ? WHERE external_id = ?")) {
        update.setString(1, status.name());
        update.setLong(2, clock.millis());
        update.setString(3, user.value());
        return update.executeUpdate() == 1;
      }
    });
  }

  /** The WHERE clause of {@code query} (empty when it filters nothing), its parameters appended in order. */
  private static String where(UserQuery query, Instant now, List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    query.prefix().ifPresent(prefix -> {
      conditions.add("(u.external_id LIKE ? ESCAPE '!' OR LOWER(u.display_name) LIKE ? ESCAPE '!')");
      String pattern = likePrefix(prefix);
      parameters.add(pattern);
      parameters.add(pattern.toLowerCase(Locale.ROOT));
    });
    query.disabled().ifPresent(disabled -> {
      conditions.add("u.status = ?");
      parameters.add((disabled ? UserStatus.DISABLED : UserStatus.ACTIVE).name());
    });
    query.locked().ifPresent(locked -> {
      conditions.add(locked ? LOCKED : "NOT " + LOCKED);
      parameters.add(now.toEpochMilli());
    });
    query.enrolled().ifPresent(enrolled ->
        conditions.add((enrolled ? "" : "NOT ") + "EXISTS (SELECT 1 FROM templates t WHERE t.user_id = u.id)"));
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** {@code prefix} as a LIKE pattern matching strings that start with it ('!' escapes the wildcards). */
  static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static UserSummary readSummary(ResultSet rows, Instant now) throws SQLException {
    double quality = rows.getDouble("mean_quality");
    Optional<Double> meanQuality = rows.wasNull() ? Optional.empty() : Optional.of(quality);
    long verified = rows.getLong("last_verified_at");
    Optional<Instant> lastVerified = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(verified));
    long lockedUntil = rows.getLong("locked_until");
    Optional<Instant> lock = !rows.wasNull() && lockedUntil > now.toEpochMilli()
        ? Optional.of(Instant.ofEpochMilli(lockedUntil)) : Optional.empty();
    return new UserSummary(UserRows.read(rows), meanQuality, lastVerified, lock);
  }
}
