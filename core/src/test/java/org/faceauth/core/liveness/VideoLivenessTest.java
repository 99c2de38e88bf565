package org.faceauth.core.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * person's recording replayed on a phone (attack). Frames are extracted with ffmpeg (Debian's package).
 */
class VideoLivenessTest {
  @TempDir Path folder;

  @Test
  void replayFramesAreRefusedAndLiveWebcamFramesPass() throws Exception {
    double bpcer = wrongShare("live_webcam_apfol.webm", true);
    double apcer = wrongShare("replay_attack_apfol.webm", false);
    System.out.printf("[liveness] video frames: APCER replay %.1f%%, BPCER %.1f%%%n", apcer * 100, bpcer * 100);
    assertThat(apcer).isLessThanOrEqualTo(0.10);
    assertThat(bpcer).isLessThanOrEqualTo(0.10);
  }

  private double wrongShare(String video, boolean live) throws Exception {
    Path frames = Files.createDirectories(folder.resolve(video));
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-i", TestData.raw("test/video/" + video)
        .toString(), "-vf", "fps=2", frames.resolve("%03d.png").toString())
        .redirectErrorStream(true).start();
    String output = new String(ffmpeg.getInputStream().readAllBytes());
    assertThat(ffmpeg.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).as(output).isZero();
    List<Path> files;
    try (Stream<Path> list = Files.list(frames)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(15);
    FaceEngine engine = TestData.engine();
    double threshold = LivenessPolicy.DEFAULT.threshold();
    int scored = 0;
    int wrong = 0;
    for (Path file : files) {
      try (BgrImage image = engine.decoder().decode(Files.readAllBytes(file))) {
        List<DetectedFace> faces = engine.detector(DetectorKind.YUNET).detect(image);
        Optional<DetectedFace> subject = FacePipeline.subject(faces, image.width(), image.height());
        if (subject.isPresent()) {
          scored++;
          if ((engine.liveness().score(image, subject.get()) >= threshold) != live) {
            wrong++;
          }
        }
      }
    }
    assertThat(scored).isGreaterThan(files.size() / 2);
    return (double) wrong / scored;
  }
}
