package org.faceauth.core.detect;

/**
 * An axis-aligned box in image pixel coordinates.
 *
 * @param x left edge
 * @param y top edge
 * @param width width, positive
 * @param height height, positive
 */
public record BoundingBox(double x, double y, double width, double height) {
  public BoundingBox {
    if (!(width > 0 && height > 0)) {
      throw new IllegalArgumentException("box must have a positive size: " + width + "×" + height);
    }
  }

  /** The box spanning two corners. */
  public static BoundingBox ofCorners(double x1, double y1, double x2, double y2) {
    return new BoundingBox(x1, y1, x2 - x1, y2 - y1);
  }

  public double right() {
    return x + width;
  }

  public double bottom() {
    return y + height;
  }

  public Point2 center() {
    return new Point2(x + width / 2, y + height / 2);
  }

  public double area() {
    return width * height;
  }

  public boolean contains(Point2 p) {
    return p.x() >= x && p.x() <= right() && p.y() >= y && p.y() <= bottom();
  }

  /** Area of the overlap with {@code other}, 0 when they do not overlap. */
  public double intersection(BoundingBox other) {
    double w = Math.min(right(), other.right()) - Math.max(x, other.x);
    double h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
    return w > 0 && h > 0 ? w * h : 0;
  }

  /** Intersection over union, in [0, 1]. */
  public double iou(BoundingBox other) {
    double inter = intersection(other);
    return inter / (area() + other.area() - inter);
  }

  /** The square of side max(width, height) with the same centre. */
  public BoundingBox squared() {
    double side = Math.max(width, height);
    Point2 c = center();
    return new BoundingBox(c.x() - side / 2, c.y() - side / 2, side, side);
  }

  /** The box scaled by {@code factor} about the origin (maps between image resolutions). */
  public BoundingBox scaled(double factor) {
    return new BoundingBox(x * factor, y * factor, width * factor, height * factor);
  }
}
