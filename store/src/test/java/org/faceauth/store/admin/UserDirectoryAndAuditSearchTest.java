package org.faceauth.store.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditPage;
import org.faceauth.core.audit.AuditQuery;
import org.faceauth.core.flow.AttemptKey;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserPage;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.user.UserQuery;
import org.faceauth.core.user.UserStatus;
import org.faceauth.core.user.UserSummary;
import org.faceauth.store.audit.AuditCsv;
import org.faceauth.store.jdbc.JdbcLoginAttempts;
import org.faceauth.store.testing.BackendKind;
import org.faceauth.store.testing.TestSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operators' queries on SQLite and PostgreSQL alike: users searched, filtered (status, lock, templates) and paged
 * by the database in id order; audit events filtered by user, action, outcome and time and paged newest first; the
 * CSV export neutralises formulas.
 */
class UserDirectoryAndAuditSearchTest {
  @TempDir Path folder;

  private static UserQuery query(String prefix, Boolean disabled, Boolean locked, int page, int size) {
    return new UserQuery(Optional.ofNullable(prefix), Optional.ofNullable(disabled), Optional.ofNullable(locked),
        Optional.empty(), page, size);
  }

  private static List<String> ids(UserPage page) {
    return page.items().stream().map(s -> s.user().id().value()).toList();
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void usersAreSearchedFilteredAndPagedByTheDatabase(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      for (String id : List.of("u-05", "u-01", "u-04", "u-03", "u-02", "w-01")) {
        test.service().createUser(UserId.of(id), new UserProfile(Optional.of("Name " + id), Optional.empty(),
            Optional.empty()), RequestContext.cli());
      }
      var users = test.system().users();
      Instant now = Instant.now();
      assertThat(test.system().accountStatus().set(UserId.of("u-02"), UserStatus.DISABLED, RequestContext.cli()))
          .isTrue();
      LoginPolicy oneStrike = new LoginPolicy(1, Duration.ofMinutes(15), Duration.ofMinutes(15), true, 1);
      JdbcLoginAttempts attempts = new JdbcLoginAttempts(test.system().database());
      attempts.reserve(AttemptKey.of(UserId.of("u-04")), oneStrike, now);
      attempts.fail(AttemptKey.of(UserId.of("u-04")), oneStrike, now);

      assertThat(ids(users.search(query("u-", null, null, 0, 2), now))).containsExactly("u-01", "u-02");
      assertThat(ids(users.search(query("u-", null, null, 2, 2), now))).containsExactly("u-05");
      assertThat(users.search(query("u-", null, null, 2, 2), now).total()).isEqualTo(5);
      assertThat(ids(users.search(query("name w", null, null, 0, 10), now))).containsExactly("w-01");
      assertThat(ids(users.search(query(null, true, null, 0, 10), now))).containsExactly("u-02");
      assertThat(ids(users.search(query("u-", false, false, 0, 10), now))).containsExactly("u-01", "u-03", "u-05");
      assertThat(ids(users.search(query(null, null, true, 0, 10), now))).containsExactly("u-04");
      assertThat(ids(users.search(query(null, null, true, 0, 10), now.plus(Duration.ofMinutes(16)))))
          .as("a lock that has run out is no lock").isEmpty();
      assertThat(ids(users.search(query("%", null, null, 0, 10), now))).as("'%' is a character").isEmpty();

      UserSummary locked = users.summary(UserId.of("u-04"), now).orElseThrow();
      assertThat(locked.lockedUntil()).isPresent();
      assertThat(locked.meanQuality()).isEmpty();
      assertThat(locked.lastVerifiedAt()).isEmpty();
      assertThat(users.summary(UserId.of("nobody"), now)).isEmpty();
      assertThat(users.setStatus(UserId.of("nobody"), UserStatus.DISABLED)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void auditEventsAreFilteredAndPagedNewestFirst(BackendKind kind) {
    try (TestSystem test = new TestSystem(kind, folder)) {
      var log = test.system().auditLog();
      Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
      for (int i = 0; i < 5; i++) {
        log.record(new AuditEvent(t0.plusSeconds(i), "key:k1", AuditAction.VERIFY, Optional.of("alice"),
            Optional.empty(), i % 2 == 0 ? "match" : "no_match", Optional.of(0.5), Optional.empty(), Optional.empty()));
      }
      log.record(new AuditEvent(t0.plusSeconds(10), "cli", AuditAction.ENROLL, Optional.of("bob"),
          Optional.of("alice"), "duplicate_face", Optional.empty(), Optional.empty(), Optional.empty()));

      AuditPage alice = log.search(new AuditQuery(Optional.of("alice"), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), 0, 2));
      assertThat(alice.total()).as("subject or related subject").isEqualTo(6);
      assertThat(alice.items()).extracting(AuditEvent::at).containsExactly(t0.plusSeconds(10), t0.plusSeconds(4));
      assertThat(log.search(new AuditQuery(Optional.of("alice"), Optional.of(AuditAction.VERIFY), Optional.of("match"),
          Optional.of(t0.plusSeconds(1)), Optional.of(t0.plusSeconds(4)), 0, 10)).items())
          .extracting(AuditEvent::at).containsExactly(t0.plusSeconds(2));

      StringWriter csv = new StringWriter();
      try (AuditCsv out = new AuditCsv(csv)) {
        out.write(new AuditEvent(t0, "=HYPERLINK(\"http://x\")", AuditAction.ERASE, Optional.of("-x"),
            Optional.of("@y"), "+1", Optional.empty(), Optional.of("\tid"), Optional.empty()));
      }
      assertThat(csv.toString().split("\r\n")[1])
          .isEqualTo("2026-05-01T00:00:00Z,\"'=HYPERLINK(\"\"http://x\"\")\",erase,'-x,'@y,'+1,,'\tid,");
    }
  }
}
