package org.faceauth.core.quality;

/**
 * Measurements behind a quality verdict.
 *
 * @param interEyeDistance pixels between the eye centres in the original image
 * @param sharpness variance of the Laplacian of the aligned gray crop (higher is sharper)
 * @param yaw horizontal nose offset from the face's midline, in inter-eye distances (0 is frontal)
 * @param pitch nose height between the eye line (0) and the mouth line (1); about 0.5 when frontal
 * @param detectionScore the detector's confidence
 * @param secondFaceAreaRatio area of the largest other face over the subject's (0 when alone)
 */
public record QualityMetrics(
    double interEyeDistance,
    double sharpness,
    double yaw,
    double pitch,
    double detectionScore,
    double secondFaceAreaRatio) {}
