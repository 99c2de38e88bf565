package org.faceauth.core.quality;

/**
 * Bounds of an acceptable enrollment shot.
 *
 * @param minInterEyeDistance fewest pixels between the eyes
 * @param minSharpness lowest variance of the Laplacian of the aligned 112×112 gray crop
 * @param maxYaw largest |yaw| (nose offset in inter-eye distances)
 * @param minPitch lowest pitch ratio (head tilted far back below it)
 * @param maxPitch highest pitch ratio (head bowed far forward above it)
 * @param minDetectionScore lowest detector confidence
 * @param maxSecondFaceAreaRatio largest area of another face relative to the subject's
 */
public record QualitySettings(
    double minInterEyeDistance,
    double minSharpness,
    double maxYaw,
    double minPitch,
    double maxPitch,
    double minDetectionScore,
    double maxSecondFaceAreaRatio) {
  /** Defaults measured on faces-dev enrollment photos (see README). */
  public static final QualitySettings DEFAULT = new QualitySettings(20, 25, 0.45, 0.2, 0.85, 0.9, 0.5);
}
