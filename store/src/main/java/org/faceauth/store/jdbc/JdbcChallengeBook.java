package org.faceauth.store.jdbc;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.ChallengeBook;
import org.faceauth.core.liveness.ChallengeInstruction;
import org.faceauth.core.user.UserId;

/**
 * Open challenges in the {@code challenges} table, so that every node on the database can answer any node's
 * challenge. Redeeming is one {@code DELETE … RETURNING}: the row goes whatever the answer, and of two nodes redeeming
 * one nonce at once only one gets it. The table stays bounded: issuing purges expired rows and keeps only the newest
 * {@value #MAX_OPEN_PER_CALLER} open challenges of one client for one claimed id. The bound is per client, so a
 * client asking many challenges for a user drops only its own oldest, never another client's open one (which would let
 * anyone allowed to ask keep that user from ever answering). Rows stay bounded by the lifetime, this cap and the
 * number of clients (API keys and registered OpenID Connect clients, both made by admins). Thread-safe.
 */
public final class JdbcChallengeBook implements ChallengeBook {
  /** Most open challenges one client keeps for one claimed user id; issuing another drops that client's oldest. */
  static final int MAX_OPEN_PER_CALLER = 8;

  private final Database database;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param database an open, migrated database (owned by the caller)
   * @param lifetime how long a challenge may be answered
   */
  public JdbcChallengeBook(Database database, Clock clock, Duration lifetime) {
    this.database = database;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  @Override
  public Challenge issue(UserId user, String client) {
    Instant now = clock.instant();
    Challenge challenge = Challenge.random(random, now.plus(lifetime), user, client);
    database.transaction(c -> {
      try (PreparedStatement purge = c.prepareStatement("DELETE FROM challenges WHERE expires_at <= ?")) {
        purge.setLong(1, now.toEpochMilli());
        purge.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO challenges (nonce, claimed_id, client, instruction, issued_at, expires_at) "
              + "VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, challenge.nonce());
        insert.setString(2, user.value());
        insert.setString(3, client);
        insert.setString(4, challenge.instruction().name());
        insert.setLong(5, now.toEpochMilli());
        insert.setLong(6, challenge.expiresAt().toEpochMilli());
        insert.executeUpdate();
      }
      try (PreparedStatement cap = c.prepareStatement(
          "DELETE FROM challenges WHERE claimed_id = ? AND client = ? AND nonce NOT IN (SELECT nonce FROM challenges "
              + "WHERE claimed_id = ? AND client = ? ORDER BY issued_at DESC, nonce LIMIT ?)")) {
        cap.setString(1, user.value());
        cap.setString(2, client);
        cap.setString(3, user.value());
        cap.setString(4, client);
        cap.setInt(5, MAX_OPEN_PER_CALLER);
        cap.executeUpdate();
      }
      return null;
    });
    return challenge;
  }

  @Override
  public Challenge redeem(String nonce, UserId user, String client) {
    if (nonce == null || nonce.length() != Challenge.NONCE_LENGTH) {
      throw ChallengeBook.unknown();
    }
    Optional<Challenge> taken = database.transaction(c -> {
      try (PreparedStatement take = c.prepareStatement(
          "DELETE FROM challenges WHERE nonce = ? RETURNING claimed_id, client, instruction, expires_at")) {
        take.setString(1, nonce);
        try (ResultSet rows = take.executeQuery()) {
          if (!rows.next()) {
            return Optional.<Challenge>empty();
          }
          return Optional.of(new Challenge(nonce, ChallengeInstruction.valueOf(rows.getString(3)),
              Instant.ofEpochMilli(rows.getLong(4)), UserId.of(rows.getString(1)), rows.getString(2)));
        }
      }
    });
    Challenge challenge = taken.filter(t -> t.user().equals(user) && t.client().equals(client))
        .orElseThrow(ChallengeBook::unknown);
    if (!clock.instant().isBefore(challenge.expiresAt())) {
      throw ChallengeBook.expired();
    }
    return challenge;
  }
}
