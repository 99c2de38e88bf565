package org.faceauth.store.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.store.jdbc.Database;

/**
 * API keys of the REST server, kept as SHA-256 hashes (keys are 256 random bits, so a plain hash cannot be reversed
 * by guessing). Made, rotated and revoked with {@code faceauth keys} or the admin API; the server checks them on
 * every request. Thread-safe.
 */
public final class ApiKeyStore {
  private static final String PREFIX = "fa_";

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiKeyStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A key just made: its stored record and the secret, which is never shown again. */
  public record IssuedKey(ApiKey key, String secret) {}

  /** Makes a new random key. */
  public IssuedKey create(String name, ApiKeyRole role) {
    String secret = newSecret();
    return new IssuedKey(register(name, role, secret), secret);
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Stores a key chosen elsewhere (the bootstrap admin key from the environment).
   *
   * @throws FaceAuthException {@link ErrorCode#INVALID_REQUEST} if it is shorter than 24 characters
   */
  public ApiKey register(String name, ApiKeyRole role, String secret) {
    if (secret == null || secret.length() < 24) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST, "An API key must be at least 24 characters long.");
    }
    ApiKey key = new ApiKey(UUID.randomUUID().toString(), name, role, clock.instant(), Optional.empty());
    database.query(c -> {
      insert(c, key, secret);
      return null;
    });
    return key;
  }

  private static void insert(Connection c, ApiKey key, String secret) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO api_keys (id, name, role, key_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, key.id());
      insert.setString(2, key.name());
      insert.setString(3, key.role().name());
      insert.setString(4, hash(secret));
      insert.setLong(5, key.createdAt().toEpochMilli());
      insert.executeUpdate();
    }
  }

  /** The active key whose secret this is, if any. */
  public Optional<ApiKey> authenticate(String secret) {
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    return database.query(c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT id, name, role, created_at, revoked_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
        select.setString(1, hash(secret));
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.<ApiKey>empty();
        }
      }
    });
  }

  /** Every key, active or revoked, oldest first. */
  public List<ApiKey> list() {
    return database.query(c -> {
      List<ApiKey> keys = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
              "SELECT id, name, role, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(read(rows));
        }
      }
      return keys;
    });
  }

  /** Revokes a key by id; false if there is no active key with that id. */
  public boolean revoke(String id) {
    return database.query(c -> {
      try (PreparedStatement update =
          c.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        update.setLong(1, clock.millis());
        update.setString(2, id);
        return update.executeUpdate() == 1;
      }
    });
  }

  /**
   * Replaces an active key by a new one with the same name and role, in one transaction: the old key stops working
   * exactly when the new one starts.
   *
   * @return the new key and its secret (shown once), or empty if there is no active key with that id
   */
  public Optional<IssuedKey> rotate(String id) {
    return database.transaction(c -> {
      ApiKey old;
      try (PreparedStatement select = c.prepareStatement(
          "SELECT id, name, role, created_at, revoked_at FROM api_keys WHERE id = ? AND revoked_at IS NULL")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            return Optional.<IssuedKey>empty();
          }
          old = read(rows);
        }
      }
      try (PreparedStatement update = c.prepareStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ?")) {
        update.setLong(1, clock.millis());
        update.setString(2, id);
        update.executeUpdate();
      }
      String secret = newSecret();
      ApiKey key = new ApiKey(UUID.randomUUID().toString(), old.name(), old.role(), clock.instant(), Optional.empty());
      insert(c, key, secret);
      return Optional.of(new IssuedKey(key, secret));
    });
  }

  /** Whether some active admin key exists. */
  public boolean hasActiveAdmin() {
    return list().stream().anyMatch(k -> k.active() && k.role() == ApiKeyRole.ADMIN);
  }

  private static ApiKey read(ResultSet rows) throws SQLException {
    long revoked = rows.getLong("revoked_at");
    Optional<Instant> revokedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
    return new ApiKey(rows.getString("id"), rows.getString("name"), ApiKeyRole.valueOf(rows.getString("role")),
        Instant.ofEpochMilli(rows.getLong("created_at")), revokedAt);
  }

  /** The SHA-256 (hex) a key is stored and looked up by; also names a key's rate-limit bucket. */
  public static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
