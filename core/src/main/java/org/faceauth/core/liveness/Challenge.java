package org.faceauth.core.liveness;

import java.time.Instant;
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
public record Challenge(String nonce, ChallengeInstruction instruction, Instant expiresAt, UserId user, String client) {}
