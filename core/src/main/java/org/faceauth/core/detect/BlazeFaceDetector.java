package org.faceauth.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.ImageTensors;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.model.OnnxModel;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * MediaPipe's short-range BlazeFace (128×128, made for faces at selfie distance) finds boxes; MTCNN's O-Net then places
 * the five alignment landmarks (BlazeFace's own keypoints give the mouth centre, not its corners). The image is
 * letterboxed to a square. This detector's model installs from the npm registry alone. Thread-safe.
 */
public final class BlazeFaceDetector implements TwoStageDetector {
  /**
   * Tuning.
   *
   * @param scoreThreshold minimum face probability
   * @param nmsThreshold IoU above which the weaker of two boxes is dropped
   * @param landmarkThreshold O-Net face probability needed to keep a box
   */
  public record Settings(double scoreThreshold, double nmsThreshold, double landmarkThreshold) {
    public static final Settings DEFAULT = new Settings(0.6, 0.3, 0.6);
  }

  private static final int INPUT = 128;
  private static final Normalization MINUS_ONE_TO_ONE = Normalization.of(127.5f, 127.5f);

  private final OnnxModel model;
  private final OnetLandmarker landmarker;
  private final Settings settings;
  private final List<Head> heads;

  /** Takes ownership of the BlazeFace model and O-Net. */
  public BlazeFaceDetector(OnnxModel model, OnnxModel onet, Settings settings) {
    this.model = model;
    this.landmarker = new OnetLandmarker(onet);
    this.settings = settings;
    this.heads = heads(model.outputShapes());
  }

  /** The two output heads (stride 8: 16×16×2 anchors, stride 16: 8×8×6), matched to output names by shape. */
  private static List<Head> heads(Map<String, long[]> shapes) {
    String score512 = null;
    String score384 = null;
    String reg512 = null;
    String reg384 = null;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long[] s = e.getValue();
      boolean is512 = s[1] == 512;
      if (s[2] == 1) {
        if (is512) {
          score512 = e.getKey();
        } else {
          score384 = e.getKey();
        }
      } else if (is512) {
        reg512 = e.getKey();
      } else {
        reg384 = e.getKey();
      }
    }
    return List.of(new Head(score512, reg512, 16, 2), new Head(score384, reg384, 8, 6));
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.BLAZEFACE;
  }

  @Override
  public List<ScoredBox> findBoxes(BgrImage image) {
    double scale = (double) INPUT / Math.max(image.width(), image.height());
    Mat small = WorkingImage.resized(image.mat(), scale);
    Mat square = new Mat();
    int padX = (INPUT - small.cols()) / 2;
    int padY = (INPUT - small.rows()) / 2;
    Map<String, FloatTensor> out;
    try {
      Core.copyMakeBorder(small, square, padY, INPUT - small.rows() - padY, padX, INPUT - small.cols() - padX,
          Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
      out = model.run(ImageTensors.hwc(square, ChannelOrder.RGB, MINUS_ONE_TO_ONE));
    } finally {
      small.release();
      square.release();
    }
    List<ScoredBox> boxes = new ArrayList<>();
    for (Head head : heads) {
      float[] scores = out.get(head.scores()).data();
      float[] reg = out.get(head.regressors()).data();
      int anchor = 0;
      for (int y = 0; y < head.grid(); y++) {
        for (int x = 0; x < head.grid(); x++) {
          for (int a = 0; a < head.anchorsPerCell(); a++, anchor++) {
            double score = sigmoid(scores[anchor]);
            if (score < settings.scoreThreshold()) {
              continue;
            }
            double cx = (x + 0.5) / head.grid() * INPUT + reg[anchor * 16];
            double cy = (y + 0.5) / head.grid() * INPUT + reg[anchor * 16 + 1];
            double w = reg[anchor * 16 + 2];
            double h = reg[anchor * 16 + 3];
            if (w <= 0 || h <= 0) {
              continue;
            }
            BoundingBox inInput = new BoundingBox(cx - w / 2 - padX, cy - h / 2 - padY, w, h);
            boxes.add(new ScoredBox(inInput.scaled(1 / scale), score));
          }
        }
      }
    }
    return NonMaxSuppression.apply(
        boxes, ScoredBox::box, ScoredBox::score, settings.nmsThreshold(), NonMaxSuppression.Overlap.UNION);
  }

  @Override
  public List<DetectedFace> locateLandmarks(BgrImage image, List<ScoredBox> boxes) {
    return landmarker.refineCandidates(image.mat(), boxes, settings.landmarkThreshold());
  }

  private static double sigmoid(float logit) {
    double clipped = Math.max(-100, Math.min(100, logit));
    return 1 / (1 + Math.exp(-clipped));
  }

  @Override
  public void close() {
    model.close();
    landmarker.close();
  }

  private record Head(String scores, String regressors, int grid, int anchorsPerCell) {}
}
