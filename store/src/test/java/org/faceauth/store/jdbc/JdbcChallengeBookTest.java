package org.faceauth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.ChallengeBook;
import org.faceauth.core.liveness.ChallengeInstruction;
import org.faceauth.core.user.UserId;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Challenge nonces live in the database: random, one-time, short-lived, answerable only by the client and for the
 * user asked, on any node (two {@link Database} pools on one database stand for two nodes), taken back by one node
 * only when two race, and the table stays bounded.
 */
class JdbcChallengeBookTest {
  private static final UserId ALICE = UserId.of("alice");
  private static final String APP = "key:app-1";

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path folder;

  private final MovableClock clock = new MovableClock();
  private final List<Database> databases = new ArrayList<>();
  private Backend backend;

  private ChallengeBook node(BackendKind kind) {
    if (backend == null) {
      backend = kind.create(folder);
    }
    Database database = Database.open(backend.url());
    databases.add(database);
    return new JdbcChallengeBook(database, clock, Duration.ofSeconds(60));
  }

  @AfterEach
  void close() {
    databases.forEach(Database::close);
    if (backend != null) {
      backend.drop();
    }
  }

  private static void assertRefused(Runnable redeem, ErrorCode code) {
    assertThatThrownBy(redeem::run)
        .isInstanceOfSatisfying(FaceAuthException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aNonceIssuedOnOneNodeIsRedeemedOnAnotherOnceAndAReplayIsRefusedOnBoth(BackendKind kind) {
    ChallengeBook a = node(kind);
    ChallengeBook b = node(kind);
    Challenge challenge = a.issue(ALICE, APP);
    assertThat(b.redeem(challenge.nonce(), ALICE, APP)).isEqualTo(challenge);
    assertRefused(() -> b.redeem(challenge.nonce(), ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);
    assertRefused(() -> a.redeem(challenge.nonce(), ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);
    assertRefused(() -> a.redeem("made-up", ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);
    assertRefused(() -> a.redeem(null, ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aNonceAnsweredByAnotherClientOrForAnotherUserIsRefusedAndSpent(BackendKind kind) {
    ChallengeBook book = node(kind);
    Challenge forAlice = book.issue(ALICE, APP);
    assertRefused(() -> book.redeem(forAlice.nonce(), UserId.of("mallory"), APP), ErrorCode.CHALLENGE_UNKNOWN);
    assertRefused(() -> book.redeem(forAlice.nonce(), ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);

    Challenge forApp = book.issue(ALICE, APP);
    assertRefused(() -> book.redeem(forApp.nonce(), ALICE, "key:other-app"), ErrorCode.CHALLENGE_UNKNOWN);
    assertRefused(() -> book.redeem(forApp.nonce(), ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anExpiredNonceIsRefusedAndPurgedWhenTheNextIsIssued(BackendKind kind) {
    ChallengeBook book = node(kind);
    Challenge late = book.issue(ALICE, APP);
    Challenge purged = book.issue(UserId.of("bob"), APP);
    clock.now = clock.now.plusSeconds(61);
    assertRefused(() -> book.redeem(late.nonce(), ALICE, APP), ErrorCode.CHALLENGE_EXPIRED);
    book.issue(ALICE, APP);
    assertThat(rows(purged.nonce())).isZero();
    assertThat(rows(null)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void aClientKeepsOnlyItsNewestOpenChallengesForAUser(BackendKind kind) {
    ChallengeBook book = node(kind);
    List<Challenge> issued = new ArrayList<>();
    for (int i = 0; i < JdbcChallengeBook.MAX_OPEN_PER_CALLER + 5; i++) {
      clock.now = clock.now.plusMillis(10);
      issued.add(book.issue(ALICE, APP));
    }
    assertThat(rows(null)).isEqualTo(JdbcChallengeBook.MAX_OPEN_PER_CALLER);
    assertRefused(() -> book.redeem(issued.get(0).nonce(), ALICE, APP), ErrorCode.CHALLENGE_UNKNOWN);
    Challenge newest = issued.get(issued.size() - 1);
    assertThat(book.redeem(newest.nonce(), ALICE, APP)).isEqualTo(newest);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void anotherClientAskingManyChallengesForAUser_cannotEvictThatUsersOpenChallenge(BackendKind kind) {
    ChallengeBook book = node(kind);
    Challenge alicesLogin = book.issue(ALICE, APP);
    String mallory = "key:mallory";
    for (int i = 0; i < 3 * JdbcChallengeBook.MAX_OPEN_PER_CALLER; i++) {
      clock.now = clock.now.plusMillis(10);
      book.issue(ALICE, mallory);
    }
    assertThat(rows(null)).as("mallory's own are still capped")
        .isEqualTo(1 + JdbcChallengeBook.MAX_OPEN_PER_CALLER);
    assertThat(book.redeem(alicesLogin.nonce(), ALICE, APP)).isEqualTo(alicesLogin);
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void ofManyNodesRedeemingOneNonceAtOnceExactlyOneGetsIt(BackendKind kind) throws Exception {
    ChallengeBook a = node(kind);
    ChallengeBook b = node(kind);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        Challenge challenge = a.issue(ALICE, APP);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          ChallengeBook node = i % 2 == 0 ? a : b;
          results.add(pool.submit(() -> {
            start.await();
            try {
              node.redeem(challenge.nonce(), ALICE, APP);
              return true;
            } catch (FaceAuthException e) {
              assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN);
              return false;
            }
          }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> result : results) {
          won += result.get() ? 1 : 0;
        }
        assertThat(won).as("round " + round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void noncesAreDistinctAndBothInstructionsAreAsked(BackendKind kind) {
    ChallengeBook book = node(kind);
    Set<String> nonces = new HashSet<>();
    Set<ChallengeInstruction> asked = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Challenge c = book.issue(UserId.of("user-" + i), APP);
      nonces.add(c.nonce());
      asked.add(c.instruction());
      assertThat(c.nonce()).hasSize(Challenge.NONCE_LENGTH);
    }
    assertThat(nonces).hasSize(100);
    assertThat(asked).containsExactlyInAnyOrder(ChallengeInstruction.values());
  }

  /** Rows of the challenges table: all of them, or those of one nonce. */
  private long rows(String nonce) {
    return databases.get(0).query(c -> {
      try (PreparedStatement count = c.prepareStatement(nonce == null
          ? "SELECT COUNT(*) FROM challenges" : "SELECT COUNT(*) FROM challenges WHERE nonce = ?")) {
        if (nonce != null) {
          count.setString(1, nonce);
        }
        try (ResultSet r = count.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      }
    });
  }
}
