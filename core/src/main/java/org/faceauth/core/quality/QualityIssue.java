package org.faceauth.core.quality;

/**
 * Why a shot is refused for enrollment. The names are stable codes; each carries advice a person can act on.
 */
public enum QualityIssue {
  NO_FACE("No face was found. Face the camera in good, even light."),
  MULTIPLE_FACES("More than one face is visible. Make sure you are alone in the picture."),
  FACE_TOO_SMALL("The face is too small. Move closer to the camera."),
  BLURRY("The picture is blurred. Hold still and make sure the lens is clean."),
  POSE_TOO_EXTREME("The head is turned or tilted too far. Look straight into the camera."),
  LOW_CONFIDENCE("The face is hard to make out. Remove anything covering it and improve the light.");

  private final String advice;

  QualityIssue(String advice) {
    this.advice = advice;
  }

  /** What the person should do. */
  public String advice() {
    return advice;
  }
}
