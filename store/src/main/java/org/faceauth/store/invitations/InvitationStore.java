package org.faceauth.store.invitations;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.keys.ApiKeyStore;

/**
 * Enrollment invitations in the database, shared by every node: made by an operator (admin API, console or CLI), each
 * with a 256-bit random secret kept only as its SHA-256 (as API keys are), found by that secret, consumed once by the
 * enrollment it allows. Consuming is one conditional UPDATE, so of two concurrent enrollments exactly one wins on any
 * number of nodes. Thread-safe.
 */
public final class InvitationStore {
  /** Longest lifetime of an invitation. */
  public static final Duration MAX_TTL = Duration.ofDays(30);

  private static final String PREFIX = "inv_";
  private static final int MAX_DISPLAY_NAME = 200;
  private static final String COLUMNS =
      "id, user_id, display_name, created_by, created_at, expires_at, opened_at, consented_at, used_at, revoked_at, "
          + "replace_existing";

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public InvitationStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** An invitation just made and its secret, which is never shown again. */
  public record IssuedInvitation(Invitation invitation, String secret) {}

  /**
   * Makes an invitation for {@code user}, valid for {@code ttl}; for a user who already has templates only with
   * {@code replaceExisting} (whoever opens the link enrolls a face that then logs in as that user).
   *
   * @throws FaceAuthException {@link ErrorCode#INVALID_REQUEST} for a lifetime outside 1 minute to {@link #MAX_TTL}
   *     or a display name over 200 characters; {@link ErrorCode#USER_ALREADY_ENROLLED} for a user with templates
   *     without {@code replaceExisting}
   */
  public IssuedInvitation create(UserId user, Optional<String> displayName, Duration ttl, String createdBy,
      boolean replaceExisting) {
    if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "An invitation lasts from 1 minute to " + MAX_TTL.toDays() + " days (" + MAX_TTL.toMinutes()
              + " minutes).");
    }
    Optional<String> name = displayName.map(String::strip).filter(n -> !n.isEmpty());
    if (name.isPresent() && name.get().length() > MAX_DISPLAY_NAME) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "A display name has at most " + MAX_DISPLAY_NAME + " characters.");
    }
    if (!replaceExisting && enrolled(user)) {
      throw alreadyEnrolled(user);
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = Instant.ofEpochMilli(clock.millis());
    Invitation invitation = new Invitation(UUID.randomUUID().toString(), user.value(), name, createdBy, now,
        now.plus(ttl), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), replaceExisting);
    database.query(c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO invitations (id, user_id, display_name, "
          + "token_hash, created_by, created_at, expires_at, replace_existing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, invitation.id());
        insert.setString(2, invitation.userId());
        insert.setString(3, name.orElse(null));
        insert.setString(4, ApiKeyStore.hash(secret));
        insert.setString(5, createdBy);
        insert.setLong(6, now.toEpochMilli());
        insert.setLong(7, invitation.expiresAt().toEpochMilli());
        insert.setInt(8, replaceExisting ? 1 : 0);
        insert.executeUpdate();
      }
      return null;
    });
    return new IssuedInvitation(invitation, secret);
  }

  /** Whether {@code user} has any templates (an invitation would replace their face). */
  public boolean enrolled(UserId user) {
    return database.query(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM templates t JOIN users u ON u.id = t.user_id "
          + "WHERE u.external_id = ? LIMIT 1")) {
        select.setString(1, user.value());
        try (ResultSet rows = select.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  /** The refusal of an invitation that would replace an enrolled user's face without the operator's say-so. */
  public static FaceAuthException alreadyEnrolled(UserId user) {
    return new FaceAuthException(ErrorCode.USER_ALREADY_ENROLLED, "User '" + user + "' already has a face enrolled; "
        + "an invitation would replace it. Ask for that explicitly (replaceExisting) if this is what you want.");
  }

  /** The invitation whose secret this is, in whatever status, if any. */
  public Optional<Invitation> bySecret(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    return one("token_hash = ?", ApiKeyStore.hash(secret));
  }

  /** The invitation with this id, if any. */
  public Optional<Invitation> byId(String id) {
    return one("id = ?", id);
  }

  /** Every invitation, newest first, at most {@code limit}. */
  public List<Invitation> list(int limit) {
    return database.query(c -> {
      List<Invitation> all = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM invitations ORDER BY created_at DESC, id LIMIT ?")) {
        select.setInt(1, limit);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            all.add(read(rows));
          }
        }
      }
      return all;
    });
  }

  /** Revokes a pending (unused, unrevoked, unexpired) invitation; false if there is none with that id. */
  public boolean revoke(String id) {
    long now = clock.millis();
    return update("UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL "
        + "AND expires_at > ?", now, id, now);
  }

  /** Notes the first opening of the link; false if it had been opened before. */
  public boolean markOpened(String id) {
    return update("UPDATE invitations SET opened_at = ? WHERE id = ? AND opened_at IS NULL", clock.millis(), id);
  }

  /** Records the invited person's consent on a pending invitation; false if it is not pending. */
  public boolean recordConsent(String id) {
    long now = clock.millis();
    return update("UPDATE invitations SET consented_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL "
        + "AND expires_at > ?", now, id, now);
  }

  /**
   * Consumes a pending invitation: one UPDATE that only an unused, unrevoked, unexpired row passes.
   *
   * @return the time it was consumed at (to {@link #restore} it if the enrollment fails), or empty if it was not
   *     pending (another enrollment won, or it was revoked or expired meanwhile)
   */
  public Optional<Instant> consume(String id) {
    long now = clock.millis();
    boolean won = update("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL "
        + "AND expires_at > ?", now, id, now);
    return won ? Optional.of(Instant.ofEpochMilli(now)) : Optional.empty();
  }

  /**
   * Makes an invitation consumed at {@code usedAt} pending again, because the enrollment it allowed stored nothing
   * (every frame refused, say): the person may try again with the same link while it lasts.
   */
  public void restore(String id, Instant usedAt) {
    update("UPDATE invitations SET used_at = NULL WHERE id = ? AND used_at = ?", id, usedAt.toEpochMilli());
  }

  private boolean update(String sql, Object... values) {
    return database.query(c -> {
      try (PreparedStatement update = c.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          bind(update, i + 1, values[i]);
        }
        return update.executeUpdate() == 1;
      }
    });
  }

  private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value instanceof Long number) {
      statement.setLong(index, number);
    } else {
      statement.setString(index, (String) value);
    }
  }

  private Optional<Invitation> one(String where, String value) {
    return database.query(c -> select(c, where, value));
  }

  private static Optional<Invitation> select(Connection c, String where, String value) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM invitations WHERE " + where)) {
      select.setString(1, value);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    }
  }

  private static Invitation read(ResultSet rows) throws SQLException {
    return new Invitation(rows.getString("id"), rows.getString("user_id"),
        Optional.ofNullable(rows.getString("display_name")), rows.getString("created_by"),
        Instant.ofEpochMilli(rows.getLong("created_at")), Instant.ofEpochMilli(rows.getLong("expires_at")),
        instant(rows, "opened_at"), instant(rows, "consented_at"), instant(rows, "used_at"),
        instant(rows, "revoked_at"), rows.getInt("replace_existing") != 0);
  }

  private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
  }
}
