package org.faceauth.core.liveness;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;

/**
 * Issues active challenges and takes each back once: a nonce is 128 random bits, valid for {@code lifetime}, bound to
 * the user and the client it was issued for, and removed when used, so a replayed burst, or a nonce answered by another
 * client or for another user, is refused. Kept in memory on this node. Thread-safe.
 */
public final class ChallengeBook {
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Challenge> open = new ConcurrentHashMap<>();

  public ChallengeBook(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** A new challenge with a random instruction, for {@code user}'s verification by {@code client}. */
  public Challenge issue(UserId user, String client) {
    Instant now = clock.instant();
    open.values().removeIf(c -> !now.isBefore(c.expiresAt()));
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    ChallengeInstruction[] instructions = ChallengeInstruction.values();
    Challenge challenge = new Challenge(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        instructions[random.nextInt(instructions.length)],
        now.plus(lifetime),
        user,
        client);
    open.put(challenge.nonce(), challenge);
    return challenge;
  }

  /**
   * Takes the challenge of {@code nonce} back; it cannot be used again, whatever the answer.
   *
   * @throws FaceAuthException {@link ErrorCode#CHALLENGE_UNKNOWN} for a nonce never issued, already used, or issued
   *     for another user or another client; {@link ErrorCode#CHALLENGE_EXPIRED} for one whose time ran out
   */
  public Challenge redeem(String nonce, UserId user, String client) {
    Challenge challenge = nonce == null ? null : open.remove(nonce);
    if (challenge == null || !challenge.user().equals(user) || !challenge.client().equals(client)) {
      throw new FaceAuthException(
          ErrorCode.CHALLENGE_UNKNOWN, "This challenge is unknown or was already used; ask for a new one.");
    }
    if (!clock.instant().isBefore(challenge.expiresAt())) {
      throw new FaceAuthException(ErrorCode.CHALLENGE_EXPIRED, "This challenge expired; ask for a new one.");
    }
    return challenge;
  }
}
