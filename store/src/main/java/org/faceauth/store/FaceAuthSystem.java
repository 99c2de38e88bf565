package org.faceauth.store;

import java.time.Clock;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.AccountStatus;
import org.faceauth.core.flow.EnrollmentPolicy;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.liveness.ChallengeBook;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.KeyRingFile;
import org.faceauth.store.crypto.TemplateCipher;
import org.faceauth.store.dataset.DatasetFolder;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.jdbc.Dialect;
import org.faceauth.store.jdbc.JdbcAuditLog;
import org.faceauth.store.jdbc.JdbcChallengeBook;
import org.faceauth.store.jdbc.JdbcTemplateStore;
import org.faceauth.store.jdbc.JdbcUserDirectory;
import org.faceauth.store.jdbc.JdbcLoginAttempts;
import org.faceauth.store.jdbc.OwnerBindingUpgrade;
import org.faceauth.store.jdbc.TemplateKeyState;
import org.faceauth.store.jdbc.TemplateReencryption;
import org.faceauth.store.invitations.InvitationStore;
import org.faceauth.store.keys.ApiKeyStore;

/**
 * The core flows wired to real storage: the database (migrated), the template key ring, the encrypted template store,
 * the audit log, the dataset folder, and the {@link FaceAuthService} over them. What the server and the CLI open.
 * The data directory, its files and the SQLite files are made readable by their owner only, also when they existed
 * before with looser permissions. Closing it closes the service and the database, not the
 * engine.
 */
public final class FaceAuthSystem implements AutoCloseable {
  private final StoreSettings settings;
  private final Database database;
  private final TemplateCipher cipher;
  private final JdbcTemplateStore store;
  private final JdbcAuditLog auditLog;
  private final JdbcUserDirectory users;
  private final AccountStatus accountStatus;
  private final DatasetFolder dataset;
  private final FaceAuthService service;
  private final ApiKeyStore apiKeys;
  private final InvitationStore invitations;
  private final Clock clock;
  private final TemplateKeyState keyState;
  private final TemplateKeyState.Following keyFeed;

  private FaceAuthSystem(
      StoreSettings settings, Database database, TemplateCipher cipher, JdbcTemplateStore store,
      JdbcAuditLog auditLog, JdbcUserDirectory users, DatasetFolder dataset, FaceAuthService service,
      TemplateKeyState keyState, TemplateKeyState.Following keyFeed, Clock clock) {
    this.keyState = keyState;
    this.keyFeed = keyFeed;
    this.settings = settings;
    this.database = database;
    this.cipher = cipher;
    this.store = store;
    this.auditLog = auditLog;
    this.users = users;
    this.accountStatus = new AccountStatus(users, auditLog, clock);
    this.dataset = dataset;
    this.service = service;
    this.apiKeys = new ApiKeyStore(database, clock);
    this.invitations = new InvitationStore(database, clock);
    this.clock = clock;
  }

  /**
   * Opens everything and loads the template index.
   *
   * @throws FaceAuthException with a storage code if the database, the key or the data directory is unusable
   */
  public static FaceAuthSystem open(StoreSettings settings, FaceEngine engine, Clock clock) {
    return open(settings, engine, clock, LivenessPolicy.DEFAULT, LoginPolicy.DEFAULT);
  }

  /**
   * Opens everything with explicit liveness and login (lockout, unknown users) policies for verification; enrollment
   * records consent when given but does not require it (the CLI's operator-run imports).
   *
   * @throws FaceAuthException with a storage code if the database, the key or the data directory is unusable
   */
  public static FaceAuthSystem open(
      StoreSettings settings, FaceEngine engine, Clock clock, LivenessPolicy livenessPolicy,
      LoginPolicy loginPolicy) {
    return open(settings, engine, clock, livenessPolicy, loginPolicy, EnrollmentPolicy.CONSENT_OPTIONAL);
  }

  /**
   * Opens everything with explicit liveness, login and enrollment (consent, creation of new users) policies.
   *
   * @throws FaceAuthException with a storage code if the database, the key or the data directory is unusable
   */
  public static FaceAuthSystem open(
      StoreSettings settings, FaceEngine engine, Clock clock, LivenessPolicy livenessPolicy,
      LoginPolicy loginPolicy, EnrollmentPolicy enrollmentPolicy) {
    PrivateDataDirectory.secure(settings);
    TemplateCipher cipher = cipher(settings);
    Database database = Database.open(settings.databaseUrl());
    try {
      JdbcTemplateStore store = new JdbcTemplateStore(database, cipher, clock);
      JdbcAuditLog auditLog = new JdbcAuditLog(database);
      DatasetFolder dataset =
          new DatasetFolder(settings.datasetDirectory(), settings.rawRetention(), settings.debugCrops(), clock);
      dataset.purgeExpired();
      dataset.purgeStaged();
      FaceAuthService service = new FaceAuthService(
          engine, store, auditLog, dataset, clock, livenessPolicy, loginPolicy, new JdbcLoginAttempts(database),
          enrollmentPolicy, new JdbcChallengeBook(database, clock, ChallengeBook.LIFETIME));
      TemplateKeyState keyState = new TemplateKeyState(database, clock);
      return new FaceAuthSystem(
          settings, database, cipher, store, auditLog, new JdbcUserDirectory(database, clock), dataset, service,
          keyState, keyState.follow(cipher), clock);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Re-seals, once, the templates of a database written before each template was bound to its owner
   * ({@link OwnerBindingUpgrade}); run by an operator after upgrading, with every node stopped.
   *
   * @return how many templates were re-sealed (0 when the database was owner-bound already)
   * @throws FaceAuthException with a storage code if the database or the key is unusable or a row does not decrypt
   */
  public static int bindTemplateOwners(StoreSettings settings) {
    PrivateDataDirectory.secure(settings);
    TemplateCipher cipher = cipher(settings);
    try (Database database = Database.open(settings.databaseUrl())) {
      return OwnerBindingUpgrade.bind(database, cipher);
    }
  }

  /** The template cipher of {@code settings}: the key given directly, else the key file (made when missing). */
  private static TemplateCipher cipher(StoreSettings settings) {
    return settings.templateKey().map(KeyRing::ofBase64).map(TemplateCipher::new)
        .orElseGet(() -> {
          KeyRingFile file = new KeyRingFile(settings.keyFile());
          return new TemplateCipher(file.loadOrCreate(), file::load);
        });
  }

  public FaceAuthService service() {
    return service;
  }

  public JdbcTemplateStore store() {
    return store;
  }

  /** The audit log the flows write to. */
  public JdbcAuditLog auditLog() {
    return auditLog;
  }

  /** Users as operators search and manage them. */
  public JdbcUserDirectory users() {
    return users;
  }

  /** Disabling and enabling users, audited. */
  public AccountStatus accountStatus() {
    return accountStatus;
  }

  /** The open database (for health and write checks); owned by this system. */
  public Database database() {
    return database;
  }

  /** The REST server's API keys. */
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  /** Enrollment invitations. */
  public InvitationStore invitations() {
    return invitations;
  }

  /** The clock every part of the system reads the time from. */
  public Clock clock() {
    return clock;
  }

  public StoreSettings settings() {
    return settings;
  }

  public DatasetFolder dataset() {
    return dataset;
  }

  public Dialect dialect() {
    return database.dialect();
  }

  /** What a key rotation did. */
  public record KeyRotation(List<String> previousKeyIds, String newKeyId, int templates) {}

  /**
   * Generates a new template key and re-encrypts every template with it, while other nodes sharing the key file keep
   * serving. The key file first holds new and old keys; then the new key is announced in the database (after the
   * writes that used the old one have committed; later writes on any node read the key file again and use the new
   * one, and on PostgreSQL every node is told to read it at once); then every template is re-encrypted in one
   * transaction; only then does the file drop the old key, and the nodes are told again. A crash at any point leaves a
   * key file that decrypts the database; run it again to finish.
   *
   * @throws FaceAuthException {@link ErrorCode#INVALID_REQUEST} when the key comes from {@code FACEAUTH_TEMPLATE_KEY}
   *     rather than a key file
   */
  public KeyRotation rotateKey() {
    if (settings.templateKey().isPresent()) {
      throw new FaceAuthException(
          ErrorCode.INVALID_REQUEST,
          "The template key comes from FACEAUTH_TEMPLATE_KEY; rotate-key manages a key file. Unset it "
              + "and point FACEAUTH_KEY_FILE at a key file.");
    }
    KeyRingFile file = new KeyRingFile(settings.keyFile());
    KeyRing before = cipher.refresh();
    KeyRing both = before.withNewCurrent(KeyRing.newRawKey());
    file.save(both);
    cipher.use(both);
    keyState.announce(both.currentId());
    int count = new TemplateReencryption(database, cipher).reencryptAll(both);
    KeyRing after = both.currentOnly();
    file.save(after);
    cipher.use(after);
    keyState.announce(after.currentId());
    return new KeyRotation(before.ids(), after.currentId(), count);
  }

  @Override
  public void close() {
    try {
      service.close();
      keyFeed.close();
    } finally {
      database.close();
    }
  }
}
