package org.faceauth.core.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.detect.Point2;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class FivePointAlignerTest {
  @Test
  void estimate_recoversAKnownSimilarity() {
    SimilarityTransform truth = new SimilarityTransform(0.8 * Math.cos(0.3), 0.8 * Math.sin(0.3), 12, -7);
    List<Point2> target = FivePointAligner.ARCFACE_112.stream().map(truth::apply).toList();
    SimilarityTransform estimated = SimilarityTransform.estimate(FivePointAligner.ARCFACE_112, target);
    assertThat(estimated.a()).isCloseTo(truth.a(), within(1e-9));
    assertThat(estimated.b()).isCloseTo(truth.b(), within(1e-9));
    assertThat(estimated.tx()).isCloseTo(truth.tx(), within(1e-9));
    assertThat(estimated.ty()).isCloseTo(truth.ty(), within(1e-9));
  }

  @Test
  void align_putsTheLandmarksOnTheTemplate() {
    try (BgrImage image = TestData.engine().decoder().decode(TestData.bytes("users/Barack_Obama/1.jpg"))) {
      DetectedFace face = TestData.engine().detector(DetectorKind.MTCNN).detect(image).get(0);
      try (AlignedFace aligned = FivePointAligner.arcFace112().align(image, face.landmarks())) {
        assertThat(aligned.image().width()).isEqualTo(112);
        assertThat(aligned.image().height()).isEqualTo(112);
        Point2 leftEye = aligned.transform().apply(face.landmarks().leftEye());
        assertThat(leftEye.distanceTo(FivePointAligner.ARCFACE_112.get(0))).isLessThan(4.0);
      }
    }
  }

  @Test
  void align_inPlaneRotatedCopiesOfAPhotoGiveNearlyTheSameCrop() {
    FacePipeline pipeline = TestData.engine().enrollmentPipeline();
    try (BgrImage upright = TestData.engine().decoder().decode(TestData.bytes("users/Angelina_Jolie/1.jpg"))) {
      Embedding reference = pipeline.process(upright).embedding().orElseThrow();
      for (double degrees : new double[] {20, -25, 35}) {
        try (BgrImage rotated = rotate(upright, degrees);
            AlignedFace a = alignSubject(upright);
            AlignedFace b = alignSubject(rotated)) {
          Embedding turned = pipeline.process(rotated).embedding().orElseThrow();
          assertThat(turned.cosine(reference)).as("embedding similarity at %s°", degrees).isGreaterThan(0.85);
          Mat diff = new Mat();
          Core.absdiff(a.image().mat(), b.image().mat(), diff);
          double meanDifference = Core.mean(diff).val[0];
          diff.release();
          assertThat(meanDifference).as("mean pixel difference at %s°", degrees).isLessThan(25);
        }
      }
    }
  }

  private static AlignedFace alignSubject(BgrImage image) {
    List<DetectedFace> faces = TestData.engine().detector(DetectorKind.MTCNN).detect(image);
    DetectedFace subject = FacePipeline.subject(faces, image.width(), image.height()).orElseThrow();
    return FivePointAligner.arcFace112().align(image, subject.landmarks());
  }

  /** Rotates about the centre into a canvas large enough to keep every pixel. */
  private static BgrImage rotate(BgrImage image, double degrees) {
    Mat src = image.mat();
    double radians = Math.toRadians(degrees);
    int w = (int) Math.ceil(Math.abs(src.cols() * Math.cos(radians)) + Math.abs(src.rows() * Math.sin(radians)));
    int h = (int) Math.ceil(Math.abs(src.cols() * Math.sin(radians)) + Math.abs(src.rows() * Math.cos(radians)));
    Mat matrix = Imgproc.getRotationMatrix2D(new Point(src.cols() / 2.0, src.rows() / 2.0), degrees, 1.0);
    matrix.put(0, 2, matrix.get(0, 2)[0] + (w - src.cols()) / 2.0);
    matrix.put(1, 2, matrix.get(1, 2)[0] + (h - src.rows()) / 2.0);
    Mat out = new Mat();
    Imgproc.warpAffine(src, out, matrix, new org.opencv.core.Size(w, h), Imgproc.INTER_LINEAR,
        Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
    matrix.release();
    return BgrImage.own(out);
  }
}
