package org.faceauth.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.faceauth.core.image.BgrImage;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Runs detection on a copy of an image downscaled to a maximum side, and maps results back to the original. */
final class WorkingImage {
  private WorkingImage() {}

  /** The factor (≤ 1) that brings the longer side of {@code image} to at most {@code maxSide}. */
  static double downscaleFactor(BgrImage image, int maxSide) {
    return Math.min(1.0, (double) maxSide / Math.max(image.width(), image.height()));
  }

  /** A resized copy of {@code bgr}; the caller releases it. */
  static Mat resized(Mat bgr, double factor) {
    Mat out = new Mat();
    Size size = new Size(Math.max(1, Math.round(bgr.cols() * factor)), Math.max(1, Math.round(bgr.rows() * factor)));
    Imgproc.resize(bgr, out, size, 0, 0, factor < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
    return out;
  }

  static List<DetectedFace> detectAtMostSide(
      BgrImage image, int maxSide, Function<Mat, List<DetectedFace>> detect) {
    double factor = downscaleFactor(image, maxSide);
    if (factor >= 1.0) {
      return detect.apply(image.mat());
    }
    Mat small = resized(image.mat(), factor);
    try {
      List<DetectedFace> faces = new ArrayList<>();
      for (DetectedFace face : detect.apply(small)) {
        faces.add(face.scaled(1.0 / factor));
      }
      return faces;
    } finally {
      small.release();
    }
  }
}
