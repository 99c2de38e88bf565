package org.faceauth.core.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.OnnxModel;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * OpenCV's Haar frontal-face cascade finds boxes fast; MTCNN's O-Net then scores each box and places the five
 * landmarks used for alignment ("Haar for detection, MTCNN for alignment"). O-Net also rejects most of the cascade's
 * false positives. Thread-safe: each thread gets its own cascade, since OpenCV's is not safe to share.
 */
public final class HaarDetector implements TwoStageDetector {
  /**
   * Tuning.
   *
   * @param scaleFactor cascade pyramid step
   * @param minNeighbors overlapping detections needed to keep a box
   * @param minFaceSize smallest face in pixels of the working image
   * @param maxSide longer side of the working image for the cascade
   * @param landmarkThreshold O-Net face probability needed to keep a box
   */
  public record Settings(
      double scaleFactor, int minNeighbors, int minFaceSize, int maxSide, double landmarkThreshold) {
    public static final Settings DEFAULT = new Settings(1.1, 5, 24, 640, 0.6);
  }

  private final ThreadLocal<CascadeClassifier> cascade;
  private final OnetLandmarker landmarker;
  private final Settings settings;

  /**
   * @param cascadeFile a Haar cascade XML (e.g. {@code haarcascade_frontalface_default.xml})
   * @param onet MTCNN O-Net; ownership passes to this detector
   */
  public HaarDetector(Path cascadeFile, OnnxModel onet, Settings settings) {
    String path = cascadeFile.toString();
    this.cascade = ThreadLocal.withInitial(() -> new CascadeClassifier(path));
    if (cascade.get().empty()) {
      throw new IllegalArgumentException("not a usable Haar cascade: " + cascadeFile);
    }
    this.landmarker = new OnetLandmarker(onet);
    this.settings = settings;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.HAAR;
  }

  @Override
  public List<ScoredBox> findBoxes(BgrImage image) {
    double factor = WorkingImage.downscaleFactor(image, settings.maxSide());
    Mat gray = new Mat();
    MatOfRect found = new MatOfRect();
    try {
      Mat small = factor < 1 ? WorkingImage.resized(image.mat(), factor) : image.mat();
      Imgproc.cvtColor(small, gray, Imgproc.COLOR_BGR2GRAY);
      if (small != image.mat()) {
        small.release();
      }
      Imgproc.equalizeHist(gray, gray);
      int min = settings.minFaceSize();
      cascade.get().detectMultiScale(gray, found, settings.scaleFactor(), settings.minNeighbors(), 0,
          new Size(min, min), new Size());
      List<ScoredBox> boxes = new ArrayList<>();
      for (Rect r : found.toArray()) {
        boxes.add(new ScoredBox(new BoundingBox(r.x, r.y, r.width, r.height).scaled(1 / factor), 1.0));
      }
      return boxes;
    } finally {
      gray.release();
      found.release();
    }
  }

  @Override
  public List<DetectedFace> locateLandmarks(BgrImage image, List<ScoredBox> boxes) {
    return landmarker.refineCandidates(image.mat(), boxes, settings.landmarkThreshold());
  }

  @Override
  public void close() {
    landmarker.close();
  }
}
