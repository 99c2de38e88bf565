package org.faceauth.core.pipeline;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.align.FaceAligner;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.FaceDetector;
import org.faceauth.core.detect.Point2;
import org.faceauth.core.detect.ScoredBox;
import org.faceauth.core.detect.TwoStageDetector;
import org.faceauth.core.embed.FaceEmbedder;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.ImageDecoder;
import org.faceauth.core.quality.QualityGate;
import org.faceauth.core.quality.QualityReport;

/**
 * Image bytes → decode → detect → subject → (quality gate) → align → embed, composed from the core interfaces. The
 * enrollment pipeline has a quality gate and the enrollment detector; the verification pipeline has the fast detector
 * and no gate. Thread-safe when its parts are (FaceAuth's are).
 */
public final class FacePipeline {
  private final ImageDecoder decoder;
  private final FaceDetector detector;
  private final FaceAligner aligner;
  private final FaceEmbedder embedder;
  private final Optional<QualityGate> qualityGate;

  public FacePipeline(
      ImageDecoder decoder,
      FaceDetector detector,
      FaceAligner aligner,
      FaceEmbedder embedder,
      Optional<QualityGate> qualityGate) {
    this.decoder = decoder;
    this.detector = detector;
    this.aligner = aligner;
    this.embedder = embedder;
    this.qualityGate = qualityGate;
  }

  public FaceDetector detector() {
    return detector;
  }

  public FaceEmbedder embedder() {
    return embedder;
  }

  public ImageDecoder decoder() {
    return decoder;
  }

  /**
   * Processes encoded image bytes.
   *
   * @throws org.faceauth.core.image.InvalidImageException if the bytes are not a usable image
   */
  public FaceResult process(byte[] imageBytes) {
    long start = System.nanoTime();
    try (BgrImage image = decoder.decode(imageBytes)) {
      long decoded = System.nanoTime() - start;
      FaceResult result = process(image);
      return new FaceResult(
          result.outcome(), result.subject(), result.faces(), result.quality(), result.embedding(),
          result.timings().withDecode(decoded));
    }
  }

  /** Processes an already decoded image (timings then show no decode time). */
  public FaceResult process(BgrImage image) {
    long t0 = System.nanoTime();
    List<DetectedFace> faces;
    long detectNanos;
    long landmarkNanos = 0;
    if (detector instanceof TwoStageDetector staged) {
      List<ScoredBox> boxes = staged.findBoxes(image);
      long t1 = System.nanoTime();
      faces = staged.locateLandmarks(image, boxes);
      detectNanos = t1 - t0;
      landmarkNanos = System.nanoTime() - t1;
    } else {
      faces = detector.detect(image);
      detectNanos = System.nanoTime() - t0;
    }
    Optional<DetectedFace> subject = subject(faces, image.width(), image.height());
    if (subject.isEmpty()) {
      return new FaceResult(
          FaceOutcome.NO_FACE, subject, faces, qualityGate.map(g -> QualityReport.noFace()), Optional.empty(),
          new StageTimings(0, detectNanos, landmarkNanos, 0, 0));
    }
    long t2 = System.nanoTime();
    try (AlignedFace aligned = aligner.align(image, subject.get().landmarks())) {
      long alignNanos = System.nanoTime() - t2;
      Optional<QualityReport> quality = qualityGate.map(g -> g.assess(subject.get(), faces, aligned));
      if (quality.isPresent() && !quality.get().acceptable()) {
        return new FaceResult(
            FaceOutcome.LOW_QUALITY, subject, faces, quality, Optional.empty(),
            new StageTimings(0, detectNanos, landmarkNanos, alignNanos, 0));
      }
      long t3 = System.nanoTime();
      var embedding = embedder.embed(aligned);
      long embedNanos = System.nanoTime() - t3;
      return new FaceResult(
          FaceOutcome.ACCEPTED, subject, faces, quality, Optional.of(embedding),
          new StageTimings(0, detectNanos, landmarkNanos, alignNanos, embedNanos));
    }
  }

  /**
   * The subject among several faces: the one whose box centre is nearest the image centre (a photo's subject covers
   * its centre; people in the background rarely do).
   */
  public static Optional<DetectedFace> subject(List<DetectedFace> faces, int width, int height) {
    Point2 centre = new Point2(width / 2.0, height / 2.0);
    return faces.stream().min(Comparator.comparingDouble(f -> f.box().center().distanceTo(centre)));
  }
}
