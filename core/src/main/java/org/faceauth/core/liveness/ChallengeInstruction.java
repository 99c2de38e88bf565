package org.faceauth.core.liveness;

/**
 * What the person must do during an active challenge. Directions are the person's own, for a camera that is not
 * mirrored: turning to one's left moves the nose towards the image's right. (Blinking cannot be told from five
 * landmarks, so it is not offered.)
 */
public enum ChallengeInstruction {
  TURN_LEFT("Turn your head slowly to your left, then back."),
  TURN_RIGHT("Turn your head slowly to your right, then back.");

  private final String prompt;

  ChallengeInstruction(String prompt) {
    this.prompt = prompt;
  }

  /** The instruction as shown to the person. */
  public String prompt() {
    return prompt;
  }

  /** The sign of the yaw change the instruction asks for (image coordinates). */
  int direction() {
    return this == TURN_LEFT ? 1 : -1;
  }
}
