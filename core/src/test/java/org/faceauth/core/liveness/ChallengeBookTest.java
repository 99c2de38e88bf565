package org.faceauth.core.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;
import org.junit.jupiter.api.Test;

/** Challenge nonces are random, one-time, short-lived, and answerable only by the client and for the user asked. */
class ChallengeBookTest {
  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");

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

  private final MovableClock clock = new MovableClock();
  private final ChallengeBook book = new ChallengeBook(clock, Duration.ofSeconds(60));
  private static final UserId ALICE = UserId.of("alice");
  private static final String APP = "key:app-1";

  @Test
  void aNonceIsRedeemedOnceAndAReplayIsRefused() {
    Challenge challenge = book.issue(ALICE, APP);
    assertThat(book.redeem(challenge.nonce(), ALICE, APP)).isEqualTo(challenge);
    assertThatThrownBy(() -> book.redeem(challenge.nonce(), ALICE, APP))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));
    assertThatThrownBy(() -> book.redeem("made-up", ALICE, APP))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));
  }

  @Test
  void aNonceAnsweredByAnotherClientOrForAnotherUserIsRefusedAndSpent() {
    Challenge forAlice = book.issue(ALICE, APP);
    assertThatThrownBy(() -> book.redeem(forAlice.nonce(), UserId.of("mallory"), APP))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));
    assertThatThrownBy(() -> book.redeem(forAlice.nonce(), ALICE, APP))
        .as("a refused nonce cannot be tried again")
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));

    Challenge forApp = book.issue(ALICE, APP);
    assertThatThrownBy(() -> book.redeem(forApp.nonce(), ALICE, "key:other-app"))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));
  }

  @Test
  void anExpiredNonceIsRefused() {
    Challenge challenge = book.issue(ALICE, APP);
    clock.now = clock.now.plusSeconds(61);
    assertThatThrownBy(() -> book.redeem(challenge.nonce(), ALICE, APP))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_EXPIRED));
  }

  @Test
  void noncesAreDistinctAndBothInstructionsAreAsked() {
    Set<String> nonces = new HashSet<>();
    Set<ChallengeInstruction> asked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Challenge c = book.issue(ALICE, APP);
      nonces.add(c.nonce());
      asked.add(c.instruction());
      assertThat(c.nonce()).hasSizeGreaterThanOrEqualTo(22);
    }
    assertThat(nonces).hasSize(200);
    assertThat(asked).containsExactlyInAnyOrder(ChallengeInstruction.values());
  }
}
