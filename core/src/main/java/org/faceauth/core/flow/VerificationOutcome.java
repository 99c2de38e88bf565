package org.faceauth.core.flow;

/** How a 1:1 verification ended. */
public enum VerificationOutcome {
  /** The face matches the claimed user. */
  MATCH,
  /** A face was found but it is not the claimed user's (also: no such user, when unknown users are hidden). */
  NO_MATCH,
  /** The face does not look live (a print or a screen), and the policy requires liveness. */
  SPOOF,
  /** An active challenge was not followed, or its frames do not show one and the same face. */
  CHALLENGE_FAILED,
  /** No face was found in the image. */
  NO_FACE,
  /** The user exists but is disabled. */
  USER_DISABLED,
  /** Too many failed attempts on this user id: nothing was evaluated (see {@link LoginPolicy}). */
  LOCKED
}
