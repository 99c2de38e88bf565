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
  /**
   * Defaults derived on faces-dev's calibration half only (README, "Quality gate defaults"): each bound on the pose and
   * on a second face sits at the calibration enrollment photos' 1st or 99th percentile, rounded outward to 0.05; the
   * floors on size, sharpness and confidence are usability minimums that every calibration photo clears by far, so
   * they are not fitted. {@code QualityGateTest} asserts the refusal rate on the check half.
   */
  public static final QualitySettings DEFAULT = new QualitySettings(20, 25, 0.5, 0.3, 0.75, 0.9, 0.75);
}
