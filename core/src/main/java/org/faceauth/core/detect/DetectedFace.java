package org.faceauth.core.detect;

/**
 * One face found in an image.
 *
 * @param box where the face is
 * @param score the detector's confidence in [0, 1]
 * @param landmarks the five alignment points
 */
public record DetectedFace(BoundingBox box, double score, Landmarks landmarks) {
  /** The same face in an image scaled by {@code factor}. */
  public DetectedFace scaled(double factor) {
    return new DetectedFace(box.scaled(factor), score, landmarks.scaled(factor));
  }
}
