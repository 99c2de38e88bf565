package org.faceauth.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.faceauth.server.config.ServerSettings;

/**
 * Issues the login token of a successful verification: a JWT signed with ES256, carrying the standard claims (issuer,
 * audience, subject = user id, issued-at, not-before, expiry, id) and {@code amr: ["face"]}. The signing key is an EC
 * P-256 key kept like the template key: a JWK file in the data directory readable by its owner only, made on first
 * start. Apps check tokens against the public key at {@code /api/v1/auth/jwks.json}. Thread-safe.
 */
public final class TokenIssuer {
  /** The key file's name in the data directory. */
  public static final String KEY_FILE = "token-signing.jwk";

  private final ECKey key;
  private final ServerSettings.Token settings;
  private final Clock clock;

  public TokenIssuer(ECKey key, ServerSettings.Token settings, Clock clock) {
    this.key = key;
    this.settings = settings;
    this.clock = clock;
  }

  /** The key in {@code dataDirectory}, created when missing. */
  public static ECKey loadOrCreateKey(Path dataDirectory) {
    Path file = dataDirectory.resolve(KEY_FILE);
    try {
      if (Files.exists(file)) {
        return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      }
      ECKey created = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
      Files.createDirectories(dataDirectory);
      Path temp = Files.createTempFile(dataDirectory, ".token", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temp, created.toJSONString(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return created;
    } catch (IOException | ParseException | JOSEException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISSING, "Cannot read or create the token signing key " + file + ": " + e.getMessage(),
          e);
    }
  }

  /** A token. */
  public record Token(String value, long expiresInSeconds) {}

  public Token issue(UserId user, double score) {
    Instant now = clock.instant();
    Instant expiry = now.plus(settings.ttl());
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(settings.issuer())
        .audience(settings.audience())
        .subject(user.value())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(expiry))
        .jwtID(UUID.randomUUID().toString())
        .claim("amr", List.of("face"))
        .claim("score", Math.round(score * 10_000) / 10_000.0)
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
    return new Token(jwt.serialize(), settings.ttl().toSeconds());
  }

  /** A JSON Web Key Set (RFC 7517) of public keys. */
  public record KeySet(List<PublicKey> keys) {}

  /**
   * One public P-256 key (RFC 7518 section 6.2): key type {@code EC}, curve, key id and the point's coordinates
   * (base64url), used to check ES256 signatures.
   */
  public record PublicKey(String kty, String crv, String kid, String x, String y, String alg, String use) {}

  /**
   * The signing key (private) as a key source, for the OpenID Connect provider's ID and access tokens: one key signs
   * every token FaceAuth issues, and {@code /oauth2/jwks} publishes the same public key as {@link #publicKeys}.
   */
  public JWKSource<SecurityContext> signingKeySource() {
    return new ImmutableJWKSet<>(new JWKSet(key));
  }

  /** The public key set apps verify tokens with. */
  public KeySet publicKeys() {
    ECKey publicKey = key.toPublicJWK();
    return new KeySet(List.of(new PublicKey("EC", publicKey.getCurve().getName(), publicKey.getKeyID(),
        publicKey.getX().toString(), publicKey.getY().toString(), JWSAlgorithm.ES256.getName(), "sig")));
  }
}
