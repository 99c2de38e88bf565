package org.faceauth.core.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The passive check on the dev spoof set, ISO/IEC 30107-3 style: APCER per attack type (print, replay) and BPCER on
 * live captures, at the default threshold; press photos (photos of photos) are measured for context only.
 */
class PassiveLivenessTest {
  private static final double THRESHOLD = LivenessPolicy.DEFAULT.threshold();

  @Test
  void replaysAndPrintsAreRefusedWhileLiveCapturesPass() {
    double replayApcer = refusedShare("test/spoof/replay", false);
    double printApcer = refusedShare("test/spoof/print", false);
    double bpcer = refusedShare("test/spoof/live", true);
    System.out.printf("[liveness] APCER replay %.1f%%, APCER print %.1f%%, BPCER %.1f%% at threshold %.2f%n",
        replayApcer * 100, printApcer * 100, bpcer * 100, THRESHOLD);
    assertThat(replayApcer).isLessThanOrEqualTo(0.10);
    assertThat(printApcer).isLessThanOrEqualTo(0.10);
    assertThat(bpcer).isLessThanOrEqualTo(0.10);
  }

  @Test
  void pressPhotosAreMeasuredForContext() {
    List<Path> photos = TestData.images("test/known_faces").subList(0, 60);
    List<Double> scores = scores(photos);
    long live = scores.stream().filter(s -> s >= THRESHOLD).count();
    System.out.printf("[liveness] known_faces (first 60 press photos): %d of %d judged live%n", live, scores.size());
    assertThat(scores).hasSizeGreaterThan(55).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
  }

  /** Share of the photos whose decision is wrong: attacks judged live, or live captures judged not live. */
  private static double refusedShare(String folder, boolean live) {
    List<Double> scores = scores(TestData.images(folder));
    assertThat(scores).isNotEmpty();
    long wrong = scores.stream().filter(s -> (s >= THRESHOLD) != live).count();
    return (double) wrong / scores.size();
  }

  private static List<Double> scores(List<Path> photos) {
    FaceEngine engine = TestData.engine();
    List<Double> scores = new ArrayList<>();
    for (Path photo : photos) {
      try (BgrImage image = engine.decoder().decode(TestData.bytes(TestData.dataDir().resolve("raw")
          .relativize(photo).toString()))) {
        List<DetectedFace> faces = engine.detector(DetectorKind.YUNET).detect(image);
        Optional<DetectedFace> subject = FacePipeline.subject(faces, image.width(), image.height());
        subject.ifPresent(face -> scores.add(engine.liveness().score(image, face)));
      }
    }
    return scores;
  }
}
