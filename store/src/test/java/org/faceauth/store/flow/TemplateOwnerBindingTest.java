package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.template.Template;
import org.faceauth.core.testing.TestData;
import org.faceauth.core.user.UserId;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;
import org.faceauth.store.backup.SqliteRestore;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.KeyRingFile;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A template's ciphertext is bound to its owner: a row moved or copied to another user does not decrypt, and a
 * database written before owners were bound is re-sealed once, keeps every template, and never accepts the old
 * binding again.
 */
class TemplateOwnerBindingTest {
  private static final int PEOPLE = 3;
  private static final int VICTIM = 0;
  private static final int ATTACKER = 1;

  /** Real templates of {@link #PEOPLE} people (faces-dev photos through the real models), enrolled once. */
  private static List<Template> enrolled;

  @TempDir static Path enrollmentFolder;
  @TempDir Path folder;

  @BeforeAll
  static void enrollThePeopleOnce() {
    try (TestSystem source = new TestSystem(BackendKind.SQLITE, enrollmentFolder)) {
      enrolled = new ArrayList<>();
      for (int i = 0; i < PEOPLE; i++) {
        source.service().enroll(EnrollmentRequest.of(Faces.user(i), Faces.enrollment(i)), RequestContext.cli());
        enrolled.addAll(source.system().store().templates(Faces.user(i)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aTemplateRowMovedToAnotherUserDoesNotDecryptAsTheirs(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      enrollVictimAndAttacker(test);

      sql(test.backend(), "UPDATE templates SET user_id = (SELECT id FROM users WHERE external_id = '"
          + Faces.user(VICTIM) + "') WHERE user_id = (SELECT id FROM users WHERE external_id = '"
          + Faces.user(ATTACKER) + "')");

      assertKeyMismatch(() -> test.system().store().templates(Faces.user(VICTIM)));
      assertKeyMismatch(() -> test.open(test.settings()));
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aTemplateRowCopiedUnderAnotherUserWithItsIdDoesNotDecryptAsTheirs(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      enrollVictimAndAttacker(test);
      List<StoredRow> attackers = storedRows(test.backend(), Faces.user(ATTACKER));
      test.service().erase(Faces.user(ATTACKER), RequestContext.cli());

      for (StoredRow row : attackers) {
        insert(test.backend(), Faces.user(VICTIM), row);
      }

      assertKeyMismatch(() -> test.system().store().templates(Faces.user(VICTIM)));
      assertKeyMismatch(() -> test.open(test.settings()));
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aDatabaseWrittenBeforeOwnerBinding_isRefusedUntilAnOperatorResealsIt_thenEveryTemplateStillMatches(
      BackendKind kind) throws Exception {
    Backend backend = kind.create(folder);
    try {
      StoreSettings settings = settings(backend);
      KeyRing ring = newKeyFile(settings);
      writeUnboundDatabase(backend, kind, ring.current(), ring.currentId());

      assertThatThrownBy(() -> open(settings)).isInstanceOf(FaceAuthException.class)
          .hasMessageContaining("faceauth bind-template-owners");
      assertThat(aadVersion(backend)).as("a refused start changes nothing").isEqualTo(1);
      assertThat(FaceAuthSystem.bindTemplateOwners(settings)).isEqualTo(enrolled.size());
      assertThat(FaceAuthSystem.bindTemplateOwners(settings)).as("once only").isZero();

      try (FaceAuthSystem system = open(settings)) {
        for (int i = 0; i < PEOPLE; i++) {
          assertThat(system.service().verify(Faces.user(i), Faces.probe(i), RequestContext.cli()).match())
              .as("person %d verifies after the upgrade", i).isTrue();
          assertThat(system.store().templates(Faces.user(i)))
              .extracting(Template::id)
              .containsExactlyInAnyOrderElementsOf(idsOf(Faces.user(i)));
        }
      }
      assertThat(aadVersion(backend)).isEqualTo(2);
      List<StoredRow> rows = storedRows(backend);
      assertThat(rows).hasSize(enrolled.size());
      for (StoredRow row : rows) {
        assertThat(opensUnbound(ring.current(), row)).as("template %s opens with the old binding", row.id()).isFalse();
      }
    } finally {
      backend.drop();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void afterTheUpgradeARowSealedTheOldWayIsRefused(BackendKind kind) throws Exception {
    Backend backend = kind.create(folder);
    try {
      StoreSettings settings = settings(backend);
      KeyRing ring = newKeyFile(settings);
      writeUnboundDatabase(backend, kind, ring.current(), ring.currentId());
      FaceAuthSystem.bindTemplateOwners(settings);
      Template attackers = enrolledOf(Faces.user(ATTACKER)).get(0);

      sql(backend, "DELETE FROM templates WHERE id = '" + attackers.id() + "'");
      insert(backend, Faces.user(VICTIM), unboundRow(ring.current(), ring.currentId(), attackers));

      assertKeyMismatch(() -> open(settings));
    } finally {
      backend.drop();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void settingTheFlagBackBesideAnOldFormatRow_makesNoStartBindItToTheVictim_theStartIsRefused(BackendKind kind)
      throws Exception {
    Backend backend = kind.create(folder);
    try {
      StoreSettings settings = settings(backend);
      KeyRing ring = newKeyFile(settings);
      writeUnboundDatabase(backend, kind, ring.current(), ring.currentId());
      StoredRow attackersOldRow = storedRows(backend, Faces.user(ATTACKER)).get(0);
      FaceAuthSystem.bindTemplateOwners(settings);

      sql(backend, "DELETE FROM templates WHERE id = '" + attackersOldRow.id() + "'");
      insert(backend, Faces.user(VICTIM), attackersOldRow);
      sql(backend, "UPDATE template_key_state SET aad_version = 1 WHERE id = 1");

      assertThatThrownBy(() -> open(settings)).isInstanceOf(FaceAuthException.class)
          .hasMessageContaining("tampered with");
      assertThat(storedRows(backend, Faces.user(VICTIM))).as("nothing was re-sealed")
          .anySatisfy(row -> assertThat(row.id()).isEqualTo(attackersOldRow.id()));
      assertThat(aadVersion(backend)).isEqualTo(1);
    } finally {
      backend.drop();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aKeyRotationAfterTheUpgradeKeepsEveryTemplateBoundToItsOwner(BackendKind kind) throws Exception {
    Backend backend = kind.create(folder);
    try {
      StoreSettings settings = settings(backend);
      KeyRing ring = newKeyFile(settings);
      writeUnboundDatabase(backend, kind, ring.current(), ring.currentId());
      FaceAuthSystem.bindTemplateOwners(settings);
      try (FaceAuthSystem system = open(settings)) {
        FaceAuthSystem.KeyRotation rotation = system.rotateKey();

        assertThat(rotation.templates()).isEqualTo(enrolled.size());
        for (int i = 0; i < PEOPLE; i++) {
          assertThat(system.service().verify(Faces.user(i), Faces.probe(i), RequestContext.cli()).match()).isTrue();
        }
      }
      try (FaceAuthSystem reopened = open(settings)) {
        assertThat(reopened.service().verify(Faces.user(VICTIM), Faces.probe(VICTIM), RequestContext.cli()).match())
            .isTrue();
      }

      sql(backend, "UPDATE templates SET user_id = (SELECT id FROM users WHERE external_id = '"
          + Faces.user(VICTIM) + "') WHERE user_id = (SELECT id FROM users WHERE external_id = '"
          + Faces.user(ATTACKER) + "')");

      assertKeyMismatch(() -> open(settings));
    } finally {
      backend.drop();
    }
  }

  @Test
  void nodesOnAnOldPostgresqlDatabase_refuseToStartUntilTheOperatorBindsOnce_thenAllServe() throws Exception {
    Backend backend = BackendKind.POSTGRESQL.create(folder);
    ExecutorService starts = Executors.newFixedThreadPool(3);
    List<FaceAuthSystem> nodes = new ArrayList<>();
    try {
      StoreSettings settings = settings(backend);
      KeyRing ring = newKeyFile(settings);
      writeUnboundDatabase(backend, BackendKind.POSTGRESQL, ring.current(), ring.currentId());

      Callable<FaceAuthSystem> start = () -> open(settings);
      for (Future<FaceAuthSystem> refused : starts.invokeAll(List.of(start, start, start))) {
        assertThatThrownBy(refused::get).hasCauseInstanceOf(FaceAuthException.class);
      }
      assertThat(FaceAuthSystem.bindTemplateOwners(settings)).isEqualTo(enrolled.size());
      List<Future<FaceAuthSystem>> started = starts.invokeAll(List.of(start, start, start));
      for (Future<FaceAuthSystem> node : started) {
        nodes.add(node.get());
      }

      for (FaceAuthSystem node : nodes) {
        for (int i = 0; i < PEOPLE; i++) {
          assertThat(node.service().verify(Faces.user(i), Faces.probe(i), RequestContext.cli()).match()).isTrue();
        }
      }
      for (StoredRow row : storedRows(backend)) {
        assertThat(opensUnbound(ring.current(), row)).isFalse();
      }
    } finally {
      starts.shutdownNow();
      nodes.forEach(FaceAuthSystem::close);
      backend.drop();
    }
  }

  @Test
  void aBackupTakenBeforeOwnerBinding_restores_andOnceBoundEveryTemplateMatches() throws Exception {
    Path old = Files.createDirectories(folder.resolve("before-owner-binding"));
    Backend oldBackup = BackendKind.SQLITE.create(old);
    KeyRing ring = KeyRing.of(List.of(KeyRing.newRawKey()));
    Path keys = folder.resolve("backup.keys");
    new KeyRingFile(keys).save(ring);
    writeUnboundDatabase(oldBackup, BackendKind.SQLITE, ring.current(), ring.currentId());
    StoreSettings target = StoreSettings.embedded(folder.resolve("restored"));

    SqliteRestore.Result restored =
        new SqliteRestore(target).restore(old.resolve("test.db"), Optional.of(keys), false);

    assertThat(restored.contents().templates()).isEqualTo(enrolled.size());
    assertThat(FaceAuthSystem.bindTemplateOwners(target)).isEqualTo(enrolled.size());
    try (FaceAuthSystem system = open(target)) {
      for (int i = 0; i < PEOPLE; i++) {
        assertThat(system.service().verify(Faces.user(i), Faces.probe(i), RequestContext.cli()).match()).isTrue();
      }
    }
  }

  private static void enrollVictimAndAttacker(TestSystem test) {
    for (int i : new int[] {VICTIM, ATTACKER}) {
      test.service().enroll(EnrollmentRequest.of(Faces.user(i), Faces.enrollment(i)), RequestContext.cli());
    }
  }

  private static void assertKeyMismatch(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(FaceAuthException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.TEMPLATE_KEY_MISMATCH));
  }

  private StoreSettings settings(Backend backend) {
    return StoreSettings.embedded(folder.resolve("data")).withDatabaseUrl(backend.url());
  }

  private static KeyRing newKeyFile(StoreSettings settings) {
    KeyRing ring = KeyRing.of(List.of(KeyRing.newRawKey()));
    new KeyRingFile(settings.keyFile()).save(ring);
    return ring;
  }

  private static FaceAuthSystem open(StoreSettings settings) {
    return FaceAuthSystem.open(
        settings, TestData.engine(), Clock.systemUTC(), LivenessPolicy.REPORT_ONLY, LoginPolicy.DEFAULT);
  }

  private static List<Template> enrolledOf(UserId user) {
    return enrolled.stream().filter(t -> t.user().equals(user)).toList();
  }

  private static List<String> idsOf(UserId user) {
    return enrolledOf(user).stream().map(Template::id).toList();
  }

  /**
   * A database as FaceAuth wrote it before owners were bound: the schema up to 9.1, and every enrolled template sealed
   * with the template id and model id only.
   */
  private static void writeUnboundDatabase(Backend backend, BackendKind kind, SecretKey key, String keyId)
      throws Exception {
    String[] locations = kind == BackendKind.POSTGRESQL
        ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
        : new String[] {"classpath:db/migration"};
    Flyway.configure().dataSource(backend.url(), null, null).locations(locations).target("9.1").load().migrate();
    try (Connection c = DriverManager.getConnection(backend.url())) {
      for (int i = 0; i < PEOPLE; i++) {
        try (PreparedStatement user = c.prepareStatement(
            "INSERT INTO users (id, external_id, status, created_at, updated_at) VALUES (?, ?, 'ACTIVE', 0, 0)")) {
          user.setString(1, UUID.randomUUID().toString());
          user.setString(2, Faces.user(i).value());
          user.executeUpdate();
        }
      }
    }
    for (Template template : enrolled) {
      insert(backend, template.user(), unboundRow(key, keyId, template));
    }
  }

  private static StoredRow unboundRow(SecretKey key, String keyId, Template template)
      throws GeneralSecurityException {
    return new StoredRow(template.id(), template.embedding().modelId(), template.detector(), template.quality(),
        sealUnbound(key, template), keyId);
  }

  /** The old format: AES-256-GCM, a 12-byte nonce first, "template id \n model id" as associated data. */
  private static byte[] sealUnbound(SecretKey key, Template template) throws GeneralSecurityException {
    float[] vector = template.embedding().vector();
    ByteBuffer plain = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      plain.putFloat(v);
    }
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    cipher.updateAAD(unboundAssociatedData(template.id(), template.embedding().modelId()));
    byte[] sealed = cipher.doFinal(plain.array());
    return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
  }

  private static boolean opensUnbound(SecretKey key, StoredRow row) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, row.embedding(), 0, 12));
    cipher.updateAAD(unboundAssociatedData(row.id(), row.modelId()));
    try {
      cipher.doFinal(row.embedding(), 12, row.embedding().length - 12);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    }
  }

  private static byte[] unboundAssociatedData(String templateId, String modelId) {
    return (templateId + "\n" + modelId).getBytes(StandardCharsets.UTF_8);
  }

  /** A template row as stored, without its owner. */
  private record StoredRow(
      String id, String modelId, String detector, double quality, byte[] embedding, String keyId) {}

  private static List<StoredRow> storedRows(Backend backend) throws SQLException {
    return storedRows(backend, "", List.of());
  }

  private static List<StoredRow> storedRows(Backend backend, UserId owner) throws SQLException {
    return storedRows(backend, " WHERE u.external_id = ?", List.of(owner.value()));
  }

  private static List<StoredRow> storedRows(Backend backend, String where, List<String> parameters)
      throws SQLException {
    List<StoredRow> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(backend.url());
        PreparedStatement select = c.prepareStatement(
            "SELECT t.id, t.model_id, t.detector, t.quality, t.embedding, t.key_id "
                + "FROM templates t JOIN users u ON u.id = t.user_id" + where)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setString(i + 1, parameters.get(i));
      }
      try (ResultSet found = select.executeQuery()) {
        while (found.next()) {
          rows.add(new StoredRow(found.getString(1), found.getString(2), found.getString(3), found.getDouble(4),
              found.getBytes(5), found.getString(6)));
        }
      }
    }
    return rows;
  }

  /** Writes {@code row} straight into the database as {@code owner}'s, as someone with write access could. */
  private static void insert(Backend backend, UserId owner, StoredRow row) throws SQLException {
    try (Connection c = DriverManager.getConnection(backend.url());
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO templates (id, user_id, model_id, detector, embedding, key_id, quality, created_at) "
                + "VALUES (?, (SELECT id FROM users WHERE external_id = ?), ?, ?, ?, ?, ?, 0)")) {
      insert.setString(1, row.id());
      insert.setString(2, owner.value());
      insert.setString(3, row.modelId());
      insert.setString(4, row.detector());
      insert.setBytes(5, row.embedding());
      insert.setString(6, row.keyId());
      insert.setDouble(7, row.quality());
      insert.executeUpdate();
    }
  }

  private static void sql(Backend backend, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(backend.url());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static int aadVersion(Backend backend) throws SQLException {
    try (Connection c = DriverManager.getConnection(backend.url());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT aad_version FROM template_key_state WHERE id = 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
