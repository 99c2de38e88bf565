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
import org.junit.jupiter.api.Test;

/** Challenge nonces are random, one-time and short-lived. */
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

  @Test
  void aNonceIsRedeemedOnceAndAReplayIsRefused() {
    Challenge challenge = book.issue();
    assertThat(book.redeem(challenge.nonce())).isEqualTo(challenge);
    assertThatThrownBy(() -> book.redeem(challenge.nonce()))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));
    assertThatThrownBy(() -> book.redeem("made-up"))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_UNKNOWN));
  }

  @Test
  void anExpiredNonceIsRefused() {
    Challenge challenge = book.issue();
    clock.now = clock.now.plusSeconds(61);
    assertThatThrownBy(() -> book.redeem(challenge.nonce()))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHALLENGE_EXPIRED));
  }

  @Test
  void noncesAreDistinctAndBothInstructionsAreAsked() {
    Set<String> nonces = new HashSet<>();
    Set<ChallengeInstruction> asked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Challenge c = book.issue();
      nonces.add(c.nonce());
      asked.add(c.instruction());
      assertThat(c.nonce()).hasSizeGreaterThanOrEqualTo(22);
    }
    assertThat(nonces).hasSize(200);
    assertThat(asked).containsExactlyInAnyOrder(ChallengeInstruction.values());
  }
}
