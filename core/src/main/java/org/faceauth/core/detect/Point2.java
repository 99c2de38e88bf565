package org.faceauth.core.detect;

/** A point in image pixel coordinates (x to the right, y down). */
public record Point2(double x, double y) {
  public double distanceTo(Point2 other) {
    return Math.hypot(x - other.x, y - other.y);
  }

  public Point2 midpoint(Point2 other) {
    return new Point2((x + other.x) / 2, (y + other.y) / 2);
  }
}
