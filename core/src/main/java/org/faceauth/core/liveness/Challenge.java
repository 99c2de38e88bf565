package org.faceauth.core.liveness;

import java.time.Instant;

/**
 * A one-time active liveness challenge.
 *
 * @param nonce the random value the client sends back with its frames
 * @param instruction what the person must do
 * @param expiresAt after this the nonce is refused
 */
public record Challenge(String nonce, ChallengeInstruction instruction, Instant expiresAt) {}
