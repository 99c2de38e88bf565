package org.faceauth.store.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.testing.TestData;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.KeyRingFile;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.Faces;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Templates at rest: encrypted, bound to their row, unreadable with the wrong key, and re-keyable. */
class TemplateEncryptionTest {
  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void templatesAreStoredEncryptedUnderAnOwnerOnlyKeyFile(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      test.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      Path keyFile = test.settings().keyFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      String keyId = new KeyRingFile(keyFile).load().currentId();
      float[] plain = test.system().store().templates(Faces.user(0)).get(0).embedding().vector();
      try (Connection c = DriverManager.getConnection(test.backend().url());
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT embedding, key_id FROM templates")) {
        while (rows.next()) {
          byte[] stored = rows.getBytes(1);
          assertThat(rows.getString(2)).isEqualTo(keyId);
          assertThat(stored.length).isEqualTo(12 + plain.length * 4 + 16);
          assertThat(containsFloat(stored, plain[0])).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aWrongKeyIsAClearErrorAtStartNotGarbageMatches(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      test.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      String otherKey = Base64.getEncoder().encodeToString(KeyRing.newRawKey());

      assertThatThrownBy(() -> test.open(test.settings().withTemplateKey(Optional.of(otherKey))))
          .isInstanceOfSatisfying(FaceAuthException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TEMPLATE_KEY_MISSING);
            assertThat(e.getMessage()).contains("not configured").contains("FACEAUTH_TEMPLATE_KEY");
          });
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aCiphertextMovedToAnotherRowDoesNotDecrypt(BackendKind kind) throws Exception {
    try (TestSystem test = new TestSystem(kind, folder)) {
      test.service().enroll(EnrollmentRequest.of(Faces.user(0), Faces.enrollment(0)), RequestContext.cli());
      try (Connection c = DriverManager.getConnection(test.backend().url());
          Statement s = c.createStatement()) {
        byte[] first;
        try (ResultSet r = s.executeQuery("SELECT embedding FROM templates ORDER BY id LIMIT 1")) {
          r.next();
          first = r.getBytes(1);
        }
        try (PreparedStatement update = c.prepareStatement(
            "UPDATE templates SET embedding = ? WHERE id = (SELECT MAX(id) FROM templates)")) {
          update.setBytes(1, first);
          update.executeUpdate();
        }
      }
      assertThatThrownBy(() -> test.system().store().templates(Faces.user(0)))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TEMPLATE_KEY_MISMATCH));
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void rotatingTheKeyReEncryptsEveryTemplateAndRetiresTheOldKey(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      test.service().enroll(EnrollmentRequest.of(Faces.user(1), Faces.enrollment(1)), RequestContext.cli());
      KeyRing before = new KeyRingFile(test.settings().keyFile()).load();

      FaceAuthSystem.KeyRotation rotation = test.system().rotateKey();

      KeyRing after = new KeyRingFile(test.settings().keyFile()).load();
      assertThat(rotation.templates()).isEqualTo(test.service().user(Faces.user(1)).orElseThrow().templates());
      assertThat(after.ids()).containsExactly(rotation.newKeyId()).doesNotContain(before.currentId());
      assertThat(test.service().verify(Faces.user(1), Faces.probe(1), RequestContext.cli()).match()).isTrue();

      FaceAuthSystem reopened = test.open(test.settings());
      assertThat(reopened.service().verify(Faces.user(1), Faces.probe(1), RequestContext.cli()).match()).isTrue();
      String oldKey = Base64.getEncoder().encodeToString(before.current().getEncoded());
      assertThatThrownBy(() -> FaceAuthSystem.open(
              test.settings().withTemplateKey(Optional.of(oldKey)), TestData.engine(), Clock.systemUTC()))
          .isInstanceOfSatisfying(FaceAuthException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.TEMPLATE_KEY_MISSING));
    }
  }

  private static boolean containsFloat(byte[] bytes, float value) {
    int bits = Float.floatToIntBits(value);
    for (int i = 0; i + 4 <= bytes.length; i++) {
      int le = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16 | (bytes[i + 3] & 0xFF) << 24;
      if (le == bits) {
        return true;
      }
    }
    return false;
  }
}
