package org.faceauth.core.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passive check on every half second of the dev videos: the live webcam recording (bona fide) and the same
 * person's recording replayed on a phone (attack). Frames are extracted with ffmpeg (Debian's package). Every frame
 * counts: one without a face is a failure to acquire, never dropped from the denominator.
 */
class VideoLivenessTest {
  @TempDir Path folder;

  @Test
  void replayFramesAreRefusedAndLiveWebcamFramesPass() throws Exception {
    FrameCounts live = count("live_webcam_apfol.webm", true);
    FrameCounts replay = count("replay_attack_apfol.webm", false);
    System.out.printf("[liveness] video frames: APCER replay %.1f%% (%d of %d), BPCER %.1f%% (%d of %d, of which %d "
            + "without a face), replay frames without a face %d%n", replay.wrongShare() * 100, replay.wrong(),
        replay.frames(), live.refusedShare() * 100, live.wrong() + live.noFace(), live.frames(), live.noFace(),
        replay.noFace());
    assertThat(replay.wrongShare()).isLessThanOrEqualTo(0.10);
    assertThat(live.refusedShare()).isLessThanOrEqualTo(0.10);
    assertThat(replay.noFaceShare()).as("replay frames where no face was acquired").isLessThanOrEqualTo(0.5);
  }

  /**
   * What the passive check made of one video's frames. Every frame is in the denominator: a frame without a face is a
   * failure to acquire, so a bona fide frame without one counts as refused.
   *
   * @param frames every extracted frame
   * @param noFace frames where no subject face was found (failures to acquire)
   * @param wrong frames with a face that the check classified wrongly (attack passed, or bona fide refused)
   */
  private record FrameCounts(int frames, int noFace, int wrong) {
    /** Attack frames that passed, over all frames (for the replay video). */
    double wrongShare() {
      return (double) wrong / frames;
    }

    /** Bona fide frames refused or without a face, over all frames (for the live video). */
    double refusedShare() {
      return (double) (wrong + noFace) / frames;
    }

    double noFaceShare() {
      return (double) noFace / frames;
    }
  }

  private FrameCounts count(String video, boolean live) throws Exception {
    List<Path> files = TestData.videoFrames(video, "2", folder);
    assertThat(files).hasSizeGreaterThan(15);
    FaceEngine engine = TestData.engine();
    double threshold = LivenessPolicy.DEFAULT.threshold();
    int noFace = 0;
    int wrong = 0;
    for (Path file : files) {
      try (BgrImage image = engine.decoder().decode(Files.readAllBytes(file))) {
        List<DetectedFace> faces = engine.detector(DetectorKind.YUNET).detect(image);
        Optional<DetectedFace> subject = FacePipeline.subject(faces, image.width(), image.height());
        if (subject.isEmpty()) {
          noFace++;
        } else if ((engine.liveness().score(image, subject.get()) >= threshold) != live) {
          wrong++;
        }
      }
    }
    return new FrameCounts(files.size(), noFace, wrong);
  }
}
