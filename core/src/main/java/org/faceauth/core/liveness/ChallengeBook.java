package org.faceauth.core.liveness;

import java.time.Duration;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;

/**
 * Issues active challenges and takes each back once: a nonce is 128 random bits ({@link Challenge#random}), valid for a
 * short lifetime, bound to the user and the client it was issued for, and removed when used, so a replayed burst, or a
 * nonce answered by another client or for another user, is refused. Where the open challenges are kept decides where
 * they can be answered: kept in the database, one node's challenge is answered on any other. Implementations are
 * thread-safe, and taking a nonce back is atomic: of two concurrent redemptions of one nonce, at most one succeeds.
 */
public interface ChallengeBook {
  /** How long a challenge may be answered: enough to turn a head and send a few frames. */
  Duration LIFETIME = Duration.ofSeconds(60);

  /** A new challenge with a random instruction, for {@code user}'s verification by {@code client}. */
  Challenge issue(UserId user, String client);

  /**
   * Takes the challenge of {@code nonce} back; it cannot be used again, whatever the answer.
   *
   * @throws FaceAuthException {@link ErrorCode#CHALLENGE_UNKNOWN} for a nonce never issued, already used, or issued
   *     for another user or another client; {@link ErrorCode#CHALLENGE_EXPIRED} for one whose time ran out
   */
  Challenge redeem(String nonce, UserId user, String client);

  /** The refusal of a nonce that is unknown, already used, or not this caller's. */
  static FaceAuthException unknown() {
    return new FaceAuthException(
        ErrorCode.CHALLENGE_UNKNOWN, "This challenge is unknown or was already used; ask for a new one.");
  }

  /** The refusal of a nonce whose time ran out. */
  static FaceAuthException expired() {
    return new FaceAuthException(ErrorCode.CHALLENGE_EXPIRED, "This challenge expired; ask for a new one.");
  }
}
