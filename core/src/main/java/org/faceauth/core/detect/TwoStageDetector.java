package org.faceauth.core.detect;

import java.util.List;
import org.faceauth.core.image.BgrImage;

/**
 * A detector that finds boxes with one method and then locates landmarks in them with another (Haar or BlazeFace
 * boxes, MTCNN O-Net landmarks). The stages are exposed so that benchmarks can time them apart.
 */
public interface TwoStageDetector extends FaceDetector {
  /** Stage one: candidate face boxes. */
  List<ScoredBox> findBoxes(BgrImage image);

  /** Stage two: landmarks (and refined boxes) for the candidates; candidates that are not faces are dropped. */
  List<DetectedFace> locateLandmarks(BgrImage image, List<ScoredBox> boxes);

  @Override
  default List<DetectedFace> detect(BgrImage image) {
    return locateLandmarks(image, findBoxes(image));
  }
}
