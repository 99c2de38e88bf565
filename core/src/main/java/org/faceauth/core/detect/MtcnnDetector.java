package org.faceauth.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.OnnxModel;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The full MTCNN cascade (Zhang et al. 2016, facenet-pytorch weights): an image pyramid scanned by P-Net, candidates
 * refined by R-Net, then scored, regressed and given five landmarks by O-Net. Accurate landmarks make it the default
 * enrollment detector. Images larger than {@link Settings#maxSide()} are downscaled first. Thread-safe.
 */
public final class MtcnnDetector implements FaceDetector {
  /**
   * Tuning of the cascade.
   *
   * @param minFaceSize smallest face searched for, in pixels of the (possibly downscaled) image
   * @param minFaceFraction smallest face searched for, as a fraction of the image's shorter side (the larger of the
   *     two minimums applies: faces that small in a large photo are texture, not a person to authenticate)
   * @param pnetThreshold P-Net face probability threshold
   * @param rnetThreshold R-Net face probability threshold
   * @param onetThreshold O-Net face probability threshold
   * @param scaleFactor pyramid step
   * @param maxSide longer image side above which the image is downscaled before detection
   */
  public record Settings(
      int minFaceSize,
      double minFaceFraction,
      double pnetThreshold,
      double rnetThreshold,
      double onetThreshold,
      double scaleFactor,
      int maxSide) {
    /** The published pyramid (20 px, factor 0.709) and stage thresholds 0.6 / 0.7, a stricter final 0.95
     * (true faces score above 0.98; texture that fools O-Net scores 0.9), at least 3% of the short side; 1024 px. */
    public static final Settings DEFAULT = new Settings(20, 0.03, 0.6, 0.75, 0.7, 0.709, 1024);
  }

  private static final int RNET_SIZE = 24;
  private static final int MAX_BATCH = 256;

  private final OnnxModel pnet;
  private final OnnxModel rnet;
  private final OnetLandmarker onet;
  private final Settings settings;

  /** Takes ownership of the three networks. */
  public MtcnnDetector(OnnxModel pnet, OnnxModel rnet, OnnxModel onet, Settings settings) {
    this.pnet = pnet;
    this.rnet = rnet;
    this.onet = new OnetLandmarker(onet);
    this.settings = settings;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.MTCNN;
  }

  @Override
  public List<DetectedFace> detect(BgrImage image) {
    return WorkingImage.detectAtMostSide(image, settings.maxSide(), this::detectAtFullSize);
  }

  private List<DetectedFace> detectAtFullSize(Mat bgr) {
    List<Candidate> proposals = propose(bgr);
    if (proposals.isEmpty()) {
      return List.of();
    }
    List<BoundingBox> refined = refine(bgr, proposals);
    if (refined.isEmpty()) {
      return List.of();
    }
    return onet.refine(bgr, refined, settings.onetThreshold());
  }

  /** Stage 1: P-Net over the pyramid. */
  private List<Candidate> propose(Mat bgr) {
    int w = bgr.cols();
    int h = bgr.rows();
    double minFace = Math.max(settings.minFaceSize(), settings.minFaceFraction() * Math.min(w, h));
    double m = 12.0 / minFace;
    double minLength = Math.min(w, h) * m;
    List<Candidate> all = new ArrayList<>();
    Mat scaled = new Mat();
    try {
      for (double scale = m; minLength >= 12; scale *= settings.scaleFactor(), minLength *= settings.scaleFactor()) {
        int sw = (int) (w * scale + 1);
        int sh = (int) (h * scale + 1);
        Imgproc.resize(bgr, scaled, new Size(sw, sh), 0, 0, Imgproc.INTER_AREA);
        Map<String, FloatTensor> out = pnet.run(MtcnnInput.whole(scaled));
        List<Candidate> atScale = candidates(out.get("prob"), out.get("reg"), scale);
        all.addAll(NonMaxSuppression.apply(atScale, Candidate::box, Candidate::score, 0.5,
            NonMaxSuppression.Overlap.UNION));
      }
    } finally {
      scaled.release();
    }
    List<Candidate> kept =
        NonMaxSuppression.apply(all, Candidate::box, Candidate::score, 0.7, NonMaxSuppression.Overlap.UNION);
    List<Candidate> regressed = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      BoundingBox b = c.box();
      double x1 = b.x() + c.reg()[0] * b.width();
      double y1 = b.y() + c.reg()[1] * b.height();
      double x2 = b.right() + c.reg()[2] * b.width();
      double y2 = b.bottom() + c.reg()[3] * b.height();
      if (x2 > x1 && y2 > y1) {
        regressed.add(new Candidate(BoundingBox.ofCorners(x1, y1, x2, y2).squared(), c.score(), c.reg()));
      }
    }
    return regressed;
  }

  private List<Candidate> candidates(FloatTensor prob, FloatTensor reg, double scale) {
    int rows = prob.dim(2);
    int cols = prob.dim(3);
    int plane = rows * cols;
    float[] p = prob.data();
    float[] r = reg.data();
    List<Candidate> out = new ArrayList<>();
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        int i = y * cols + x;
        float score = p[plane + i];
        if (score >= settings.pnetThreshold()) {
          double x1 = Math.floor((2.0 * x + 1) / scale);
          double y1 = Math.floor((2.0 * y + 1) / scale);
          double x2 = Math.floor((2.0 * x + 12) / scale);
          double y2 = Math.floor((2.0 * y + 12) / scale);
          double[] offsets = {r[i], r[plane + i], r[2 * plane + i], r[3 * plane + i]};
          out.add(new Candidate(BoundingBox.ofCorners(x1, y1, x2, y2), score, offsets));
        }
      }
    }
    return out;
  }

  /** Stage 2: R-Net on 24×24 crops. */
  private List<BoundingBox> refine(Mat bgr, List<Candidate> proposals) {
    List<BoundingBox> usable = new ArrayList<>();
    for (Candidate c : proposals) {
      if (MtcnnInput.overlapsImage(c.box(), bgr.cols(), bgr.rows())) {
        usable.add(c.box());
      }
    }
    List<Candidate> passed = new ArrayList<>();
    for (int from = 0; from < usable.size(); from += MAX_BATCH) {
      List<BoundingBox> batch = usable.subList(from, Math.min(usable.size(), from + MAX_BATCH));
      Map<String, FloatTensor> out = rnet.run(MtcnnInput.cropBatch(bgr, batch, RNET_SIZE));
      float[] prob = out.get("prob").data();
      float[] reg = out.get("reg").data();
      for (int i = 0; i < batch.size(); i++) {
        double score = prob[i * 2 + 1];
        if (score > settings.rnetThreshold()) {
          BoundingBox b = batch.get(i);
          BoundingBox moved = regress(b, reg, i, b.width() + 1, b.height() + 1);
          passed.add(new Candidate(b, score, new double[] {}).withBox(moved));
        }
      }
    }
    List<BoundingBox> squares = new ArrayList<>();
    for (Candidate c :
        NonMaxSuppression.apply(passed, Candidate::original, Candidate::score, 0.7, NonMaxSuppression.Overlap.UNION)) {
      squares.add(c.box().squared());
    }
    return squares;
  }

  /** MTCNN box regression: offsets are fractions of the box size {@code w}×{@code h}. */
  static BoundingBox regress(BoundingBox b, float[] reg, int i, double w, double h) {
    double x1 = b.x() + reg[i * 4] * w;
    double y1 = b.y() + reg[i * 4 + 1] * h;
    double x2 = b.right() + reg[i * 4 + 2] * w;
    double y2 = b.bottom() + reg[i * 4 + 3] * h;
    if (x2 <= x1 || y2 <= y1) {
      return b;
    }
    return BoundingBox.ofCorners(x1, y1, x2, y2);
  }

  @Override
  public void close() {
    pnet.close();
    rnet.close();
    onet.close();
  }

  /** A candidate box; {@code original} is the box before regression (NMS runs on it, as in the reference). */
  private record Candidate(BoundingBox box, double score, double[] reg, BoundingBox original) {
    Candidate(BoundingBox box, double score, double[] reg) {
      this(box, score, reg, box);
    }

    Candidate withBox(BoundingBox moved) {
      return new Candidate(moved, score, reg, original);
    }
  }
}
