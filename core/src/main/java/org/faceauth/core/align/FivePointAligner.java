package org.faceauth.core.align;

import java.util.List;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.detect.Point2;
import org.faceauth.core.image.BgrImage;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Aligns with the least-squares similarity from the five landmarks to the ArcFace/InsightFace 112×112 template, in one
 * {@code warpAffine}. Stateless and thread-safe.
 */
public final class FivePointAligner implements FaceAligner {
  /** The standard 112×112 template: left eye, right eye, nose, left mouth corner, right mouth corner (image side). */
  public static final List<Point2> ARCFACE_112 =
      List.of(
          new Point2(38.2946, 51.6963),
          new Point2(73.5318, 51.5014),
          new Point2(56.0252, 71.7366),
          new Point2(41.5493, 92.3655),
          new Point2(70.7299, 92.2041));

  private final List<Point2> template;
  private final int size;

  /** Aligns to {@code template} in a {@code size}×{@code size} crop. */
  public FivePointAligner(List<Point2> template, int size) {
    if (template.size() != 5) {
      throw new IllegalArgumentException("a five-point template is needed");
    }
    this.template = List.copyOf(template);
    this.size = size;
  }

  /** The ArcFace 112×112 aligner. */
  public static FivePointAligner arcFace112() {
    return new FivePointAligner(ARCFACE_112, 112);
  }

  @Override
  public AlignedFace align(BgrImage image, Landmarks landmarks) {
    SimilarityTransform transform = SimilarityTransform.estimate(landmarks.points(), template);
    Mat matrix = new Mat(2, 3, CvType.CV_64F);
    Mat out = new Mat();
    try {
      matrix.put(0, 0, transform.toMatrix());
      Imgproc.warpAffine(image.mat(), out, matrix, new Size(size, size), Imgproc.INTER_LINEAR,
          Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
      return new AlignedFace(BgrImage.own(out), transform);
    } finally {
      matrix.release();
    }
  }
}
