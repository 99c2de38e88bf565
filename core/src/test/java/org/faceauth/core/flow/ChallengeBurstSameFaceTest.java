package org.faceauth.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.liveness.ChallengeInstruction;
import org.faceauth.core.liveness.HeadTurn;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The challenge's "same face throughout" rule on real bursts: ten frames over three seconds, as the login pages send,
 * cut at every starting point of the dev webcam recording (frames extracted with ffmpeg). A genuine person who turns
 * their head as asked stays the same face; a burst that switches to another person's photos part-way does not.
 */
class ChallengeBurstSameFaceTest {
  private static final int BURST = 10;
  private static List<Frame> liveFrames;

  @TempDir static Path folder;

  /** One frame with a face: its landmarks (for the turn) and embedding (for the identity). */
  private record Frame(Landmarks landmarks, Embedding embedding) {}

  @BeforeAll
  static void extractFrames() throws Exception {
    liveFrames = videoFrames("live_webcam_apfol.webm");
  }

  @Test
  void everyGenuineBurstThatTurnsStaysTheSameFace() {
    Matcher matcher = TestData.engine().matcher();
    int bursts = 0;
    int turnedLeft = 0;
    int turnedRight = 0;
    int turned = 0;
    int sameFace = 0;
    int sameAsFirstFrame = 0;
    for (int start = 0; start + BURST <= liveFrames.size(); start++) {
      List<Frame> burst = liveFrames.subList(start, start + BURST);
      List<Landmarks> landmarks = burst.stream().map(Frame::landmarks).toList();
      boolean left = HeadTurn.followed(ChallengeInstruction.TURN_LEFT, landmarks);
      boolean right = HeadTurn.followed(ChallengeInstruction.TURN_RIGHT, landmarks);
      bursts++;
      turnedLeft += left ? 1 : 0;
      turnedRight += right ? 1 : 0;
      if (!left && !right) {
        continue;
      }
      turned++;
      List<Embedding> embeddings = burst.stream().map(Frame::embedding).toList();
      if (matcher.oneIdentity(embeddings)) {
        sameFace++;
      }
      if (embeddings.stream().allMatch(e -> matcher.accepts(e.cosine(embeddings.get(0))))) {
        sameAsFirstFrame++;
      }
    }
    System.out.printf("[challenge] bursts of the live video: %d, turning left %d, right %d, either %d; the same face "
        + "throughout: %d (every frame against the first one instead: %d)%n", bursts, turnedLeft, turnedRight, turned,
        sameFace, sameAsFirstFrame);
    assertThat(turned).as("bursts of the recording in which the head turns").isGreaterThanOrEqualTo(5);
    assertThat(sameFace).as("genuine turning bursts judged the same face throughout").isEqualTo(turned);
  }

  @Test
  void aBurstThatSwitchesToAnotherPersonIsRefused() {
    Matcher matcher = TestData.engine().matcher();
    List<Embedding> other = TestData.images("users/Bill_Frist").stream()
        .map(ChallengeBurstSameFaceTest::embedding)
        .limit(BURST / 2)
        .toList();
    assertThat(other).hasSize(BURST / 2);
    for (int start = 0; start + BURST / 2 <= liveFrames.size(); start += BURST / 2) {
      List<Embedding> live = liveFrames.subList(start, start + BURST / 2).stream().map(Frame::embedding).toList();
      assertThat(matcher.oneIdentity(concat(live, other))).isFalse();
      assertThat(matcher.oneIdentity(concat(other, live))).isFalse();
    }
  }

  private static List<Embedding> concat(List<Embedding> first, List<Embedding> second) {
    List<Embedding> joined = new ArrayList<>(first);
    joined.addAll(second);
    return joined;
  }

  private static Embedding embedding(Path photo) {
    try {
      return process(Files.readAllBytes(photo)).embedding().orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static FaceResult process(byte[] image) {
    FaceEngine engine = TestData.engine();
    try (BgrImage decoded = engine.decoder().decode(image)) {
      return engine.verificationPipeline().process(decoded);
    }
  }

  /** The recording's frames at the login pages' pace (ten in three seconds), those with an accepted face. */
  private static List<Frame> videoFrames(String video) throws Exception {
    List<Path> files = TestData.videoFrames(video, "10/3", folder);
    List<Frame> frames = new ArrayList<>();
    for (Path file : files) {
      FaceResult result = process(Files.readAllBytes(file));
      if (result.accepted()) {
        frames.add(new Frame(result.subject().orElseThrow().landmarks(), result.embedding().orElseThrow()));
      }
    }
    assertThat(frames).hasSizeGreaterThan(files.size() * 3 / 4);
    return frames;
  }
}
