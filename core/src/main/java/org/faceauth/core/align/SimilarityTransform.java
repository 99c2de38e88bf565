package org.faceauth.core.align;

import java.util.List;
import org.faceauth.core.detect.Point2;

/**
 * A 2-D similarity (rotation, uniform scale, translation, no reflection): {@code x' = a·x − b·y + tx},
 * {@code y' = b·x + a·y + ty}.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {
  /**
   * The least-squares similarity mapping {@code source} onto {@code target} (closed form of Umeyama 1991 in 2-D).
   *
   * @throws IllegalArgumentException if the lists differ in size, have fewer than two points, or the source points
   *     all coincide
   */
  public static SimilarityTransform estimate(List<Point2> source, List<Point2> target) {
    if (source.size() != target.size() || source.size() < 2) {
      throw new IllegalArgumentException("need two equally long lists of at least 2 points");
    }
    int n = source.size();
    double sx = 0, sy = 0, dx = 0, dy = 0;
    for (int i = 0; i < n; i++) {
      sx += source.get(i).x();
      sy += source.get(i).y();
      dx += target.get(i).x();
      dy += target.get(i).y();
    }
    sx /= n;
    sy /= n;
    dx /= n;
    dy /= n;
    double dot = 0, cross = 0, norm = 0;
    for (int i = 0; i < n; i++) {
      double px = source.get(i).x() - sx;
      double py = source.get(i).y() - sy;
      double qx = target.get(i).x() - dx;
      double qy = target.get(i).y() - dy;
      dot += px * qx + py * qy;
      cross += px * qy - py * qx;
      norm += px * px + py * py;
    }
    if (norm < 1e-12) {
      throw new IllegalArgumentException("source points coincide");
    }
    double a = dot / norm;
    double b = cross / norm;
    return new SimilarityTransform(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
  }

  public Point2 apply(Point2 p) {
    return new Point2(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
  }

  /** The uniform scale factor. */
  public double scale() {
    return Math.hypot(a, b);
  }

  /** The rotation in degrees, counter-clockwise in a y-up frame. */
  public double rotationDegrees() {
    return Math.toDegrees(Math.atan2(b, a));
  }

  /** The 2×3 matrix in row-major order, as {@code warpAffine} takes it. */
  public double[] toMatrix() {
    return new double[] {a, -b, tx, b, a, ty};
  }
}
