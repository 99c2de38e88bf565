package org.faceauth.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.OnnxModel;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * What detecting login frames at a smaller working size than {@link YuNetDetector.Settings#DEFAULT}'s 640 px would
 * change (issue 11), on the dev set's 640×480 webcam frames: YuNet's CPU time per frame (one thread), how far the five
 * landmarks move from the full-size pass (against YuNet's own jitter: the full-size pass on the frame shifted by 3
 * pixels), the genuine cosine of the enrolled person's frames, and the passive liveness scores. Prints one line per
 * working size ({@code -Dyunet.sides=640,480,384,320} by default); asserts only what must hold at every size measured:
 * a face on every frame and every liveness decision right. The default stays 640: see the README ("YuNet working
 * size").
 */
class YuNetWorkingSizeTest {
  private static final int FULL = YuNetDetector.Settings.DEFAULT.maxSide();
  private static final int SHIFT = 3;
  private static final Map<Integer, YuNetDetector> detectors = new LinkedHashMap<>();

  @TempDir static Path folder;

  /** One webcam frame, whether it shows the enrolled person and whether it is a live capture. */
  private record Frame(Path file, boolean genuine, boolean live) {}

  /** One frame as seen at one working size. */
  private record Look(DetectedFace face, double pLive, double cosine) {}

  @BeforeAll
  static void loadDetectors() {
    Set<Integer> sides = new LinkedHashSet<>(List.of(FULL));
    for (String side : System.getProperty("yunet.sides", "640,480,384,320").split(",")) {
      sides.add(Integer.parseInt(side.strip()));
    }
    YuNetDetector.Settings full = YuNetDetector.Settings.DEFAULT;
    for (int side : sides) {
      detectors.put(side, new YuNetDetector(
          OnnxModel.load(TestData.models(), ModelFile.YUNET, new InferenceOptions(1)),
          new YuNetDetector.Settings(full.scoreThreshold(), full.nmsThreshold(), side)));
    }
  }

  @AfterAll
  static void closeDetectors() {
    detectors.values().forEach(YuNetDetector::close);
    detectors.clear();
  }

  @Test
  void smallerWorkingSizesAreMeasuredOnWebcamFrames() throws Exception {
    List<Frame> frames = webcamFrames();
    FaceEngine engine = TestData.engine();
    List<Embedding> templates = new ArrayList<>();
    for (String still : List.of("apfol_real2_01.jpg", "apfol_real2_02.jpg")) {
      templates.add(engine.enrollmentPipeline().process(TestData.bytes("test/spoof/live/" + still))
          .embedding().orElseThrow());
    }
    Map<Integer, List<Look>> looks = new LinkedHashMap<>();
    List<Double> jitter = new ArrayList<>();
    for (Frame frame : frames) {
      try (BgrImage image = engine.decoder().decode(Files.readAllBytes(frame.file()))) {
        for (Map.Entry<Integer, YuNetDetector> entry : detectors.entrySet()) {
          DetectedFace face = subject(entry.getValue(), image);
          assertThat(face).as("%s at %d px", frame.file().getFileName(), entry.getKey()).isNotNull();
          looks.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
              .add(new Look(face, engine.liveness().score(image, face), bestCosine(engine, image, face, templates)));
        }
        jitter.add(shiftedLandmarkDistance(image));
      }
    }
    Map<Integer, Double> cpuMs = cpuMillisPerFrame(frames);
    double threshold = LivenessPolicy.DEFAULT.threshold();
    List<Look> full = looks.get(FULL);
    System.out.printf("[yunet-size] %d webcam frames (%d genuine, %d attacks); landmark jitter of the %d px pass "
            + "(frame shifted %d px): mean %.1f%% of the inter-ocular distance%n", frames.size(),
        frames.stream().filter(Frame::genuine).count(), frames.stream().filter(f -> !f.live()).count(), FULL, SHIFT,
        100 * mean(jitter));
    for (Map.Entry<Integer, List<Look>> entry : looks.entrySet()) {
      List<Double> landmarks = new ArrayList<>();
      List<Double> genuine = new ArrayList<>();
      List<Double> genuineChange = new ArrayList<>();
      double liveMin = 1;
      double attackMax = 0;
      int wrong = 0;
      for (int i = 0; i < frames.size(); i++) {
        Look look = entry.getValue().get(i);
        Landmarks reference = full.get(i).face().landmarks();
        landmarks.add(meanDistance(reference, look.face().landmarks()) / reference.interEyeDistance());
        if (frames.get(i).genuine()) {
          genuine.add(look.cosine());
          genuineChange.add(look.cosine() - full.get(i).cosine());
        }
        if (frames.get(i).live()) {
          liveMin = Math.min(liveMin, look.pLive());
        } else {
          attackMax = Math.max(attackMax, look.pLive());
        }
        wrong += (look.pLive() >= threshold) == frames.get(i).live() ? 0 : 1;
      }
      System.out.printf("[yunet-size] %d px: YuNet %.2f ms CPU per frame; landmarks %.1f%% of the inter-ocular "
              + "distance from the %d px pass; genuine cosine mean %.4f, min %.4f, change %+.4f ± %.4f (SE); "
              + "P(live) lowest live %.4f, highest attack %.4f, wrong decisions %d%n",
          entry.getKey(), cpuMs.get(entry.getKey()), 100 * mean(landmarks), FULL, mean(genuine),
          genuine.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), mean(genuineChange),
          standardError(genuineChange), liveMin, attackMax, wrong);
      assertThat(wrong).as("liveness decisions wrong at %d px", entry.getKey()).isZero();
    }
  }

  /**
   * The 640×480 webcam frames: the enrolled person's live stills (the two enrollment stills left out), a live
   * stranger, the phone replays and the print, and every half second of the live and replayed webcam videos.
   */
  private static List<Frame> webcamFrames() {
    List<Frame> frames = new ArrayList<>();
    for (Path still : TestData.images("test/spoof/live")) {
      String name = still.getFileName().toString();
      if (name.startsWith("apfol_") && !name.endsWith("_01.jpg") && !name.endsWith("_02.jpg")) {
        frames.add(new Frame(still, true, true));
      }
    }
    frames.add(new Frame(TestData.raw("test/spoof/live/silentface_T1.jpg"), false, true));
    TestData.images("test/spoof/replay").forEach(p -> frames.add(new Frame(p, false, false)));
    TestData.images("test/spoof/print").forEach(p -> frames.add(new Frame(p, false, false)));
    TestData.videoFrames("live_webcam_apfol.webm", "2", folder).forEach(p -> frames.add(new Frame(p, true, true)));
    TestData.videoFrames("replay_attack_apfol.webm", "2", folder)
        .forEach(p -> frames.add(new Frame(p, false, false)));
    return frames;
  }

  private static DetectedFace subject(FaceDetector detector, BgrImage image) {
    return FacePipeline.subject(detector.detect(image), image.width(), image.height()).orElse(null);
  }

  private static double bestCosine(FaceEngine engine, BgrImage image, DetectedFace face, List<Embedding> templates) {
    try (AlignedFace aligned = engine.aligner().align(image, face.landmarks())) {
      Embedding probe = engine.embedder(engine.config().embeddingModel()).embed(aligned);
      return templates.stream().mapToDouble(probe::cosine).max().orElseThrow();
    }
  }

  /** Landmark distance between the full-size pass on the frame and on the frame without its first rows and columns. */
  private static double shiftedLandmarkDistance(BgrImage image) {
    DetectedFace reference = subject(detectors.get(FULL), image);
    Mat cut = new Mat(image.mat(), new Rect(SHIFT, SHIFT, image.width() - SHIFT, image.height() - SHIFT)).clone();
    try (BgrImage shifted = BgrImage.own(cut)) {
      Landmarks moved = subject(detectors.get(FULL), shifted).landmarks();
      Landmarks back = new Landmarks(plusShift(moved.leftEye()), plusShift(moved.rightEye()),
          plusShift(moved.nose()), plusShift(moved.mouthLeft()), plusShift(moved.mouthRight()));
      return meanDistance(reference.landmarks(), back) / reference.landmarks().interEyeDistance();
    }
  }

  private static Point2 plusShift(Point2 p) {
    return new Point2(p.x() + SHIFT, p.y() + SHIFT);
  }

  /** CPU milliseconds of one detection per working size on the still frames, after a warm-up, sizes interleaved. */
  private static Map<Integer, Double> cpuMillisPerFrame(List<Frame> frames) throws Exception {
    List<BgrImage> stills = new ArrayList<>();
    try {
      for (Frame frame : frames) {
        if (frame.file().getFileName().toString().endsWith(".jpg")) {
          stills.add(TestData.engine().decoder().decode(Files.readAllBytes(frame.file())));
        }
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Integer, Long> nanos = new LinkedHashMap<>();
      int passes = 8;
      for (int pass = -3; pass < passes; pass++) {
        for (Map.Entry<Integer, YuNetDetector> entry : detectors.entrySet()) {
          long start = threads.getCurrentThreadCpuTime();
          stills.forEach(entry.getValue()::detect);
          if (pass >= 0) {
            nanos.merge(entry.getKey(), threads.getCurrentThreadCpuTime() - start, Long::sum);
          }
        }
      }
      Map<Integer, Double> millis = new LinkedHashMap<>();
      nanos.forEach((side, total) -> millis.put(side, total / 1e6 / passes / stills.size()));
      return millis;
    } finally {
      stills.forEach(BgrImage::close);
    }
  }

  private static double meanDistance(Landmarks a, Landmarks b) {
    double sum = 0;
    for (int k = 0; k < 5; k++) {
      sum += a.points().get(k).distanceTo(b.points().get(k));
    }
    return sum / 5;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static double standardError(List<Double> values) {
    double m = mean(values);
    double variance = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / (values.size() - 1);
    return Math.sqrt(variance / values.size());
  }
}
