package org.faceauth.core.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A burst made of a still photo and its mirror image shows a head turn in its landmarks, and is refused in either
 * order; a real head turn filmed by a webcam, and different photos of one person turned opposite ways, are not taken
 * for mirror images.
 */
class MirrorReplayCheckTest {
  /** Photos turned enough that photo and mirror make a turn (yaw 0.16 to 0.48 either way). */
  private static final List<String> PHOTOS = List.of(
      "test/known_faces/Barack_Obama_1.jpg", "test/known_faces/Angelina_Jolie_6.jpg",
      "test/known_faces/Bill_Frist_3.jpg", "test/known_faces/Angela_Bassett_1.jpg",
      "test/known_faces/Ann_Veneman_4.jpg", "test/known_faces/Anders_Fogh_Rasmussen_2.jpg");

  @TempDir Path folder;

  /** A face seen in one frame. */
  private record Frame(Landmarks landmarks, MirrorReplayCheck.Appearance appearance) {}

  @Test
  void aPhotoAndItsMirrorImageMakeATurnButAreRefusedInEitherOrder() {
    double lowest = 1;
    for (String name : PHOTOS) {
      byte[] photo = TestData.bytes(name);
      Frame original = frame(photo).orElseThrow();
      Frame mirror = frame(mirrored(photo)).orElseThrow();
      double correlation = MirrorReplayCheck.mirrorCorrelation(original.appearance(), mirror.appearance());
      lowest = Math.min(lowest, correlation);
      for (List<Frame> burst : List.of(List.of(original, mirror, original), List.of(mirror, original, mirror))) {
        List<Landmarks> landmarks = burst.stream().map(Frame::landmarks).toList();
        assertThat(HeadTurn.followed(ChallengeInstruction.TURN_LEFT, landmarks)
            || HeadTurn.followed(ChallengeInstruction.TURN_RIGHT, landmarks))
            .as("%s: the landmarks alone see a turn", name).isTrue();
        assertThat(MirrorReplayCheck.mirrored(burst.stream().map(Frame::appearance).toList()))
            .as("%s, correlation %.3f", name, correlation).isTrue();
      }
    }
    System.out.printf("[liveness] photo vs mirror: lowest mirror correlation %.3f over %d photos%n",
        lowest, PHOTOS.size());
  }

  @Test
  void aRealHeadTurnOnVideoIsNotTakenForAMirrorImage() throws Exception {
    List<Frame> frames = videoFrames("live_webcam_apfol.webm");
    double highest = highestTurnCorrelation(frames);
    System.out.printf("[liveness] live video, %d frames: highest mirror correlation of a turn %.3f%n",
        frames.size(), highest);
    int turns = 0;
    for (int start = 0; start + 10 <= frames.size(); start += 5) {
      List<Frame> burst = frames.subList(start, start + 10);
      assertThat(MirrorReplayCheck.mirrored(burst.stream().map(Frame::appearance).toList())).isFalse();
      List<Landmarks> landmarks = burst.stream().map(Frame::landmarks).toList();
      if (HeadTurn.followed(ChallengeInstruction.TURN_LEFT, landmarks)
          || HeadTurn.followed(ChallengeInstruction.TURN_RIGHT, landmarks)) {
        turns++;
      }
    }
    assertThat(turns).as("bursts of the video that show a turn").isPositive();
  }

  @Test
  void differentPhotosOfOnePersonTurnedOppositeWaysAreNotMirrorImages() {
    double highest = -1;
    int pairs = 0;
    List<Path> people = TestData.images("users").stream().map(Path::getParent).distinct().limit(40).toList();
    for (Path person : people) {
      List<Frame> photos = new ArrayList<>();
      for (Path file : TestData.images("users/" + person.getFileName())) {
        frame(TestData.bytes("users/" + person.getFileName() + "/" + file.getFileName())).ifPresent(photos::add);
      }
      highest = Math.max(highest, highestTurnCorrelation(photos));
      pairs += photos.size() * (photos.size() - 1) / 2;
    }
    System.out.printf("[liveness] same-person photos (%d pairs): highest mirror correlation of a turn %.3f%n",
        pairs, highest);
    assertThat(highest).isLessThan(MirrorReplayCheck.MIN_MIRROR_CORRELATION);
  }

  /** The highest mirror correlation among pairs of frames whose yaws differ by a turn. */
  private static double highestTurnCorrelation(List<Frame> frames) {
    double highest = -1;
    for (int i = 0; i < frames.size(); i++) {
      for (int j = i + 1; j < frames.size(); j++) {
        MirrorReplayCheck.Appearance a = frames.get(i).appearance();
        MirrorReplayCheck.Appearance b = frames.get(j).appearance();
        if (Math.abs(a.yaw() - b.yaw()) >= HeadTurn.MIN_TURN) {
          highest = Math.max(highest, MirrorReplayCheck.mirrorCorrelation(a, b));
        }
      }
    }
    return highest;
  }

  private static Optional<Frame> frame(byte[] bytes) {
    FaceEngine engine = TestData.engine();
    try (BgrImage image = engine.decoder().decode(bytes)) {
      FaceResult result = engine.verificationPipeline().process(image);
      if (!result.accepted()) {
        return Optional.empty();
      }
      Landmarks landmarks = result.subject().orElseThrow().landmarks();
      try (AlignedFace aligned = engine.aligner().align(image, landmarks)) {
        return Optional.of(new Frame(landmarks, MirrorReplayCheck.Appearance.of(aligned, landmarks)));
      }
    }
  }

  /** The photo flipped left to right and saved as a JPEG of quality 75, as an attacker's tool does. */
  private static byte[] mirrored(byte[] photo) {
    try (BgrImage image = TestData.engine().decoder().decode(photo)) {
      Mat flipped = new Mat();
      MatOfByte jpeg = new MatOfByte();
      try {
        Core.flip(image.mat(), flipped, 1);
        Imgcodecs.imencode(".jpg", flipped, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 75));
        return jpeg.toArray();
      } finally {
        jpeg.release();
        flipped.release();
      }
    }
  }

  private List<Frame> videoFrames(String video) throws Exception {
    List<Path> files = TestData.videoFrames(video, "5", folder);
    List<Frame> frames = new ArrayList<>();
    for (Path file : files) {
      frame(Files.readAllBytes(file)).ifPresent(frames::add);
    }
    assertThat(frames).hasSizeGreaterThan(files.size() / 2);
    return frames;
  }
}
