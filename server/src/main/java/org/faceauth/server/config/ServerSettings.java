package org.faceauth.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.store.StoreSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * FaceAuth's {@code faceauth.*} settings, bound once by Spring's relaxed binding from {@code application.properties},
 * command-line properties and environment variables alike ({@code FACEAUTH_DATA_DIR},
 * {@code FACEAUTH_ENGINE_VERIFY_DETECTOR}, …). The server gets them as a bean; the command line binds the same record
 * from the environment with {@link #fromEnvironment}, so both read the same names with the same defaults.
 *
 * @param dataDir data directory (default: $FACEAUTH_DATA_DIR, else ./data)
 * @param dbUrl JDBC URL (default: SQLite in the data directory)
 * @param modelsDir folder of model files replacing the bundled ones (default: $FACEAUTH_MODELS_DIR, else none)
 * @param templateKey base64 of a 32-byte AES template key, instead of the key file
 * @param keyFile the template key ring file (default: {@code template.keys} in the data directory)
 * @param rawRetentionDays days raw enrollment uploads are kept (0: never written)
 * @param debugCrops whether the aligned crop of each enrollment is written under {@code dataset/processed/users}
 * @param engine detectors per flow, embedding model, threshold and quality gate
 * @param bootstrapAdminKey the first admin key, for scripts and CI; otherwise one is made and printed once
 * @param corsOrigins origins allowed to call the API from a browser
 * @param rateLimit requests per minute per API key and per client address
 * @param lockout brute-force protection of each user's verification
 * @param verify how verification answers ids that are not enrolled
 * @param inference bounded inference: concurrent requests and the waiting room before answering 503
 * @param upload size limits of request bodies, one and all together
 * @param token login tokens issued on a successful verification
 * @param liveness whether verification requires a live face, and the passive threshold
 * @param enrollment whether enrolling needs the person's recorded consent
 * @param publicUrl the address people and applications reach this server at ({@code FACEAUTH_PUBLIC_URL}, e.g.
 *     {@code https://faceauth.example.com}): the base of the links it hands out (enrollment invitations; unset,
 *     {@code http://localhost:<port>}) and the OpenID Connect issuer (unset, derived from each request)
 * @param invitations enrollment invitations: default lifetime and the requests per minute one invitation may make
 * @param oidc the OpenID Connect provider: token lifetimes and the hosted login page's rules
 */
@ConfigurationProperties("faceauth")
public record ServerSettings(
    Path dataDir,
    String dbUrl,
    Path modelsDir,
    String templateKey,
    Path keyFile,
    @DefaultValue("0") int rawRetentionDays,
    @DefaultValue("false") boolean debugCrops,
    @DefaultValue EngineSettings engine,
    String bootstrapAdminKey,
    @DefaultValue List<String> corsOrigins,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Lockout lockout,
    @DefaultValue Verify verify,
    @DefaultValue Inference inference,
    @DefaultValue Upload upload,
    @DefaultValue Token token,
    @DefaultValue Liveness liveness,
    @DefaultValue Enrollment enrollment,
    String publicUrl,
    @DefaultValue Invitations invitations,
    @DefaultValue Oidc oidc) {
  /** The prefix of every setting. */
  public static final String PREFIX = "faceauth";

  /**
   * The settings given as environment variables ({@code FACEAUTH_*}), bound exactly as the server binds them, for the
   * command line.
   */
  public static ServerSettings fromEnvironment(Map<String, String> environment) {
    Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment))));
    return binder.bindOrCreate(PREFIX, Bindable.of(ServerSettings.class));
  }

  /** Whether verification needs a live face, and the passive check's threshold. */
  public LivenessPolicy livenessPolicy() {
    return new LivenessPolicy(liveness.required(), liveness.threshold());
  }

  /** The lockout, and whether ids that are not enrolled are answered like a no-match. */
  public LoginPolicy loginPolicy() {
    int acrossNetworks = lockout.effectiveMaxFailuresAcrossNetworks();
    if (acrossNetworks < lockout.maxFailures()) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST, "faceauth.lockout.max-failures-across-networks "
          + "(FACEAUTH_LOCKOUT_MAXFAILURESACROSSNETWORKS) must be at least faceauth.lockout.max-failures ("
          + lockout.maxFailures() + "), not " + acrossNetworks + ".");
    }
    return new LoginPolicy(lockout.maxFailures(), lockout.window(), lockout.lock(), verify.hideUnknownUsers(),
        acrossNetworks);
  }

  /** Where and how the data is kept: the embedded default under the data directory, with what is set applied. */
  public StoreSettings store() {
    if (rawRetentionDays < 0) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "faceauth.raw-retention-days (FACEAUTH_RAW_RETENTION_DAYS) must be 0 or more, not " + rawRetentionDays + ".");
    }
    StoreSettings store = StoreSettings.embedded(dataDir == null ? Path.of("data") : dataDir)
        .withTemplateKey(Optional.ofNullable(templateKey).filter(key -> !key.isBlank()))
        .withRawRetention(Duration.ofDays(rawRetentionDays))
        .withDebugCrops(debugCrops);
    if (keyFile != null) {
      store = store.withKeyFile(keyFile);
    }
    return dbUrl == null || dbUrl.isBlank() ? store : store.withDatabaseUrl(dbUrl);
  }

  /** Requests per minute. */
  public record RateLimit(@DefaultValue("600") int perKeyPerMinute, @DefaultValue("300") int perAddressPerMinute) {}

  /**
   * At most {@code maxFailures} verifications of one user id are evaluated within {@code window} (running ones count);
   * the failure that reaches it locks the id for {@code lock}. The hosted login page's anonymous visitors are counted
   * per user id and client network instead (an IPv4 address, an IPv6 /64), and per user id from every network
   * together up to {@code maxFailuresAcrossNetworks} (0: four times {@code maxFailures}). Kept in the database: shared
   * by nodes, kept across restarts.
   */
  public record Lockout(
      @DefaultValue("5") int maxFailures,
      @DefaultValue("15m") Duration window,
      @DefaultValue("15m") Duration lock,
      @DefaultValue("0") int maxFailuresAcrossNetworks) {
    /** How many networks' worth of failures lock an id for every anonymous caller when none is set. */
    static final int NETWORKS_BY_DEFAULT = 4;

    public int effectiveMaxFailuresAcrossNetworks() {
      return maxFailuresAcrossNetworks > 0 ? maxFailuresAcrossNetworks : NETWORKS_BY_DEFAULT * maxFailures;
    }
  }

  /**
   * With {@code hideUnknownUsers} (the default) a verification of an id that is not enrolled is answered like a
   * no-match, after running the pipeline, and counted by the lockout, so that verification does not tell which ids
   * exist; otherwise it is answered 404 {@code USER_NOT_FOUND} at once.
   */
  public record Verify(@DefaultValue("true") boolean hideUnknownUsers) {}

  /** At most {@code concurrency} inferences at once and {@code queue} more waiting (0: number of cores). */
  public record Inference(@DefaultValue("0") int concurrency, @DefaultValue("16") int queue) {
    public int effectiveConcurrency() {
      return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
  }

  /**
   * Largest request body (JSON with base64 images included), and the request bodies held in memory at once, all
   * requests together ({@code maxBytesInFlight}, at least {@code maxRequestBytes}); beyond it 503 at once.
   */
  public record Upload(
      @DefaultValue("110000000") long maxRequestBytes, @DefaultValue("268435456") long maxBytesInFlight) {}

  /** Verification refuses faces scored below {@code threshold} by the passive check when {@code required}. */
  public record Liveness(@DefaultValue("true") boolean required, @DefaultValue("0.5") double threshold) {}

  /**
   * With {@code consentRequired} (the default) an enrollment is refused with {@code CONSENT_REQUIRED} unless the
   * person's consent is recorded (at creation) or given in the request. Enrolling into an id that does not exist
   * always needs {@code createUser=true}.
   */
  public record Enrollment(@DefaultValue("true") boolean consentRequired) {}

  /**
   * Enrollment invitations last {@code defaultTtl} unless the operator asks for another lifetime (1 minute to 30
   * days); the enrollment page may make {@code perMinute} requests per invitation (live quality checks included).
   */
  public record Invitations(@DefaultValue("72h") Duration defaultTtl, @DefaultValue("120") int perMinute) {}

  /**
   * The OpenID Connect provider ("Log in with FaceAuth"): lifetimes of the authorization code, the ID and access
   * tokens, and of an idle login page; how many refused face checks a login allows before the application is told
   * {@code access_denied}; whether the hosted login runs the active head-turn challenge ({@code true}, the default:
   * a recording cannot follow a random instruction) or the passive check only; how long after the face check
   * ({@code auth_time}) a signed-in login session may still get codes, however busy it has been.
   */
  public record Oidc(
      @DefaultValue("1m") Duration authorizationCodeTtl,
      @DefaultValue("5m") Duration idTokenTtl,
      @DefaultValue("5m") Duration accessTokenTtl,
      @DefaultValue("10m") Duration loginTimeout,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("true") boolean challengeRequired,
      @DefaultValue("10m") Duration sessionMaxAge) {}

  /** JWT login tokens: issuer, audience, lifetime; the ES256 signing key lives in the data directory. */
  public record Token(
      @DefaultValue("faceauth") String issuer,
      @DefaultValue("faceauth-apps") String audience,
      @DefaultValue("5m") Duration ttl) {}
}
