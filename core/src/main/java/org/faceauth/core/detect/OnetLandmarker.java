package org.faceauth.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.OnnxModel;
import org.opencv.core.Mat;

/**
 * MTCNN's third network (O-Net) applied to given face boxes: it scores each box, refines it and places the five
 * landmarks. MTCNN uses it as its last stage; the Haar and BlazeFace detectors use it for alignment. Thread-safe.
 */
final class OnetLandmarker {
  private static final int INPUT_SIZE = 48;
  private static final int MAX_BATCH = 128;

  private final OnnxModel onet;

  OnetLandmarker(OnnxModel onet) {
    this.onet = onet;
  }

  /** {@link #refine} for the boxes of a first-stage detector, each squared about its centre as O-Net expects. */
  List<DetectedFace> refineCandidates(Mat bgr, List<ScoredBox> candidates, double threshold) {
    return refine(bgr, candidates.stream().map(c -> c.box().squared()).toList(), threshold);
  }

  /**
   * Faces for the candidate boxes whose O-Net face probability exceeds {@code threshold} and whose five landmarks
   * all lie inside the image (a face cut by the frame cannot be aligned), after box regression and a final
   * suppression of boxes nested in better ones.
   */
  List<DetectedFace> refine(Mat bgr, List<BoundingBox> squares, double threshold) {
    List<BoundingBox> usable = new ArrayList<>();
    for (BoundingBox box : squares) {
      if (MtcnnInput.overlapsImage(box, bgr.cols(), bgr.rows())) {
        usable.add(box);
      }
    }
    List<DetectedFace> faces = new ArrayList<>();
    for (int from = 0; from < usable.size(); from += MAX_BATCH) {
      List<BoundingBox> batch = usable.subList(from, Math.min(usable.size(), from + MAX_BATCH));
      Map<String, FloatTensor> out = onet.run(MtcnnInput.cropBatch(bgr, batch, INPUT_SIZE));
      float[] prob = out.get("prob").data();
      float[] reg = out.get("reg").data();
      float[] points = out.get("landmarks").data();
      for (int i = 0; i < batch.size(); i++) {
        double score = prob[i * 2 + 1];
        if (score > threshold) {
          DetectedFace face = face(batch.get(i), score, reg, points, i);
          if (landmarksInside(face.landmarks(), bgr.cols(), bgr.rows())) {
            faces.add(face);
          }
        }
      }
    }
    return NonMaxSuppression.apply(
        faces, DetectedFace::box, DetectedFace::score, 0.7, NonMaxSuppression.Overlap.MIN);
  }

  private static boolean landmarksInside(Landmarks landmarks, int width, int height) {
    return landmarks.points().stream().allMatch(p -> p.x() >= 0 && p.y() >= 0 && p.x() < width && p.y() < height);
  }

  private static DetectedFace face(BoundingBox box, double score, float[] reg, float[] points, int i) {
    double w = box.width() + 1;
    double h = box.height() + 1;
    double[] xy = new double[10];
    for (int k = 0; k < 5; k++) {
      xy[2 * k] = w * points[i * 10 + k] + box.x() - 1;
      xy[2 * k + 1] = h * points[i * 10 + 5 + k] + box.y() - 1;
    }
    BoundingBox refined = MtcnnDetector.regress(box, reg, i, w, h);
    return new DetectedFace(refined, score, Landmarks.ofInterleaved(xy));
  }

  void close() {
    onet.close();
  }
}
