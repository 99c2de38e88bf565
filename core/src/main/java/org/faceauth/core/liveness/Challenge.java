package org.faceauth.core.liveness;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.faceauth.core.user.UserId;

/**
 * A one-time active liveness challenge, bound to the user it was asked for and the client that asked.
 *
 * @param nonce the random value the client sends back with its frames
 * @param instruction what the person must do
 * @param expiresAt after this the nonce is refused
 * @param user the user whose verification it is for
 * @param client who asked for it (an API key); only they may answer it
 */
public record Challenge(String nonce, ChallengeInstruction instruction, Instant expiresAt, UserId user, String client) {
  /** Length of a nonce: 128 random bits in unpadded URL-safe base64. */
  public static final int NONCE_LENGTH = 22;

  /** A new challenge: a 128-bit random nonce and a random instruction. */
  public static Challenge random(SecureRandom random, Instant expiresAt, UserId user, String client) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    ChallengeInstruction[] instructions = ChallengeInstruction.values();
    return new Challenge(
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        instructions[random.nextInt(instructions.length)],
        expiresAt,
        user,
        client);
  }
}
