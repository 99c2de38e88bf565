package org.faceauth.core.detect;

import java.util.List;

/**
 * The five facial landmarks used for alignment, named as seen in the image: {@code leftEye} is the eye on the image's
 * left (the person's right eye), and likewise for the mouth corners. This is the order of the standard 112×112
 * alignment template.
 */
public record Landmarks(Point2 leftEye, Point2 rightEye, Point2 nose, Point2 mouthLeft, Point2 mouthRight) {
  /** The points in template order: left eye, right eye, nose, left mouth corner, right mouth corner. */
  public List<Point2> points() {
    return List.of(leftEye, rightEye, nose, mouthLeft, mouthRight);
  }

  /** From x1, y1, x2, y2, … x5, y5 interleaved in template order. */
  public static Landmarks ofInterleaved(double[] xy) {
    if (xy.length != 10) {
      throw new IllegalArgumentException("expected 10 coordinates, got " + xy.length);
    }
    return new Landmarks(
        new Point2(xy[0], xy[1]),
        new Point2(xy[2], xy[3]),
        new Point2(xy[4], xy[5]),
        new Point2(xy[6], xy[7]),
        new Point2(xy[8], xy[9]));
  }

  /** Distance between the eye centres in pixels. */
  public double interEyeDistance() {
    return leftEye.distanceTo(rightEye);
  }

  /** Every point multiplied by {@code factor} (maps between image resolutions). */
  public Landmarks scaled(double factor) {
    return new Landmarks(
        scale(leftEye, factor), scale(rightEye, factor), scale(nose, factor), scale(mouthLeft, factor),
        scale(mouthRight, factor));
  }

  private static Point2 scale(Point2 p, double factor) {
    return new Point2(p.x() * factor, p.y() * factor);
  }
}
