package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * After repeated failed verifications a user's verification is locked (423), the lock is audited, concurrent attempts
 * cannot get more than the limit evaluated, and an admin can unlock.
 */
@TestPropertySource(properties = {"faceauth.lockout.max-failures=2", "faceauth.lockout.lock=10m"})
class LockoutTest extends ServerTest {
  private static final int MAX_FAILURES = 2;
  private static final int CONCURRENT = 16;

  @Autowired AuditLog audit;

  private Answer verify(String user, String photo) {
    return api.postMultipart("/api/v1/auth/verify", appKey,
        List.of(Part.field("userId", user), Part.file("image", photo(photo))));
  }

  private void enroll(String user, String person) {
    Answer enrolled = api.postMultipart(newUserFaces(user) + "&allowDuplicate=true", ADMIN_KEY, List.of(
        Part.file("images", photo("users/" + person + "/1.jpg")),
        Part.file("images", photo("users/" + person + "/2.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
  }

  @Test
  void twoFailuresLockTheUserAndASuccessBeforeThatResetsTheCount() {
    enroll("Bill_Frist", "Bill_Frist");

    assertThat(verify("Bill_Frist", "test/known_faces/Angelina_Jolie_1.jpg").json().get("match").asBoolean())
        .isFalse();
    assertThat(verify("Bill_Frist", "test/known_faces/Bill_Frist_1.jpg").json().get("match").asBoolean()).isTrue();
    assertThat(verify("Bill_Frist", "test/known_faces/Angelina_Jolie_1.jpg").status()).isEqualTo(200);
    assertThat(verify("Bill_Frist", "test/known_faces/Angelina_Jolie_2.jpg").status()).isEqualTo(200);

    Answer locked = verify("Bill_Frist", "test/known_faces/Bill_Frist_1.jpg");
    assertThat(locked.status()).isEqualTo(423);
    assertThat(locked.json().get("code").asText()).isEqualTo("USER_LOCKED");
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(500L, 600L);
    assertThat(audit.recent(20)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.LOCKOUT);
      assertThat(e.subject()).contains("Bill_Frist");
    });
  }

  @Test
  void sixteenConcurrentImpostorsGetAtMostTheLimitEvaluatedAndTheRestAre423() throws Exception {
    enroll("bill-concurrent", "Bill_Frist");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Future<Answer>> attempts = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        attempts.add(pool.submit(() -> {
          start.await();
          return verify("bill-concurrent", "test/known_faces/Angelina_Jolie_1.jpg");
        }));
      }
      start.countDown();
      for (Future<Answer> attempt : attempts) {
        statuses.add(attempt.get().status());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(statuses).containsOnly(200, 423);
    assertThat(statuses).filteredOn(s -> s == 200).hasSizeLessThanOrEqualTo(MAX_FAILURES);
    long evaluated = audit.recent(200).stream()
        .filter(e -> e.action() == AuditAction.VERIFY && e.subject().orElse("").equals("bill-concurrent"))
        .filter(e -> e.outcome().equals("no_match"))
        .count();
    assertThat(evaluated).isLessThanOrEqualTo(MAX_FAILURES);
  }

  @Test
  void anAdminUnlocksALockedUserOverTheApiAndAnAppKeyMayNot() {
    enroll("bill-unlock", "Bill_Frist");
    for (int i = 0; i < MAX_FAILURES; i++) {
      verify("bill-unlock", "test/known_faces/Angelina_Jolie_1.jpg");
    }
    assertThat(verify("bill-unlock", "test/known_faces/Bill_Frist_1.jpg").status()).isEqualTo(423);

    assertThat(api.postJson("/api/v1/users/bill-unlock/unlock", appKey, Map.of()).status()).isEqualTo(403);
    Answer unlocked = api.postJson("/api/v1/users/bill-unlock/unlock", ADMIN_KEY, Map.of());
    assertThat(unlocked.status()).as(unlocked.text()).isEqualTo(200);
    assertThat(unlocked.json().get("cleared").asBoolean()).isTrue();

    Answer genuine = verify("bill-unlock", "test/known_faces/Bill_Frist_1.jpg");
    assertThat(genuine.status()).as(genuine.text()).isEqualTo(200);
    assertThat(genuine.json().get("match").asBoolean()).isTrue();
    assertThat(audit.recent(20)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.UNLOCK);
      assertThat(e.subject()).contains("bill-unlock");
      assertThat(e.actor()).startsWith("key:");
    });
  }
}
