package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** After repeated failed verifications a user's verification is locked (423), and the lock is audited. */
@TestPropertySource(properties = {"faceauth.lockout.max-failures=2", "faceauth.lockout.lock=10m"})
class LockoutTest extends ServerTest {
  @Autowired AuditLog audit;

  private Answer verify(String photo) {
    return api.postMultipart("/api/v1/auth/verify", appKey,
        List.of(Part.field("userId", "Bill_Frist"), Part.file("image", photo(photo))));
  }

  @Test
  void twoFailuresLockTheUserAndASuccessBeforeThatResetsTheCount() {
    api.postMultipart("/api/v1/users/Bill_Frist/faces", ADMIN_KEY, List.of(
        Part.file("images", photo("users/Bill_Frist/1.jpg")), Part.file("images", photo("users/Bill_Frist/2.jpg"))));

    assertThat(verify("test/known_faces/Angelina_Jolie_1.jpg").json().get("match").asBoolean()).isFalse();
    assertThat(verify("test/known_faces/Bill_Frist_1.jpg").json().get("match").asBoolean()).isTrue();
    assertThat(verify("test/known_faces/Angelina_Jolie_1.jpg").status()).isEqualTo(200);
    assertThat(verify("test/known_faces/Angelina_Jolie_2.jpg").status()).isEqualTo(200);

    Answer locked = verify("test/known_faces/Bill_Frist_1.jpg");
    assertThat(locked.status()).isEqualTo(423);
    assertThat(locked.json().get("code").asText()).isEqualTo("USER_LOCKED");
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(500L, 600L);
    assertThat(audit.recent(20)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.LOCKOUT);
      assertThat(e.subject()).contains("Bill_Frist");
    });
  }
}
