package org.faceauth.core.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.HeadTurn;
import org.faceauth.core.liveness.LivenessResult;
import org.faceauth.core.liveness.MirrorReplayCheck;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.pipeline.StageTimings;

/**
 * Reads a burst of frames answering an active challenge: every frame must show a face, the same face throughout (see
 * {@link Matcher#oneIdentity}), the head must turn as instructed, and no two frames may be mirror images of each other
 * ({@link MirrorReplayCheck}: a photo and its mirror). The first frame also gets the passive check and is the probe
 * compared with the user's templates, so liveness and identity come from the same frames.
 */
final class ChallengeFrames {
  private final FaceEngine engine;
  private final PassiveLiveness passive;

  ChallengeFrames(FaceEngine engine, PassiveLiveness passive) {
    this.engine = engine;
    this.passive = passive;
  }

  /** What the frames show: a frame without a usable face, or the challenge's answer. */
  sealed interface Reading permits NoFace, Answer {}

  /** A frame showed no usable face; {@code stages} are that frame's timings. */
  record NoFace(StageTimings stages) implements Reading {}

  /**
   * Every frame showed a face.
   *
   * @param probe the first frame's face
   * @param liveness the passive verdict with the challenge's check added; live only if both passed
   * @param passiveLive whether the first frame passed the passive check
   * @param followed whether the challenge was answered: same face throughout, turned as asked, no mirror pair
   * @param stages the first frame's stage timings
   */
  record Answer(
      Embedding probe, LivenessResult liveness, boolean passiveLive, boolean followed, StageTimings stages)
      implements Reading {}

  /** Reads {@code frames}, in capture order, as the answer to {@code challenge}. */
  Reading read(Challenge challenge, List<byte[]> frames) {
    FacePipeline pipeline = engine.verificationPipeline();
    List<Embedding> embeddings = new ArrayList<>();
    List<Landmarks> landmarks = new ArrayList<>();
    List<MirrorReplayCheck.Appearance> appearances = new ArrayList<>();
    LivenessResult first = null;
    StageTimings firstStages = StageTimings.ZERO;
    for (byte[] frame : frames) {
      try (BgrImage decoded = pipeline.decoder().decode(frame)) {
        FaceResult result = pipeline.process(decoded);
        if (!result.accepted()) {
          return new NoFace(result.timings());
        }
        if (first == null) {
          long livenessStart = System.nanoTime();
          first = passive.judge(decoded, result.subject().orElseThrow());
          firstStages = result.timings().withLiveness(System.nanoTime() - livenessStart);
        }
        Landmarks points = result.subject().orElseThrow().landmarks();
        embeddings.add(result.embedding().orElseThrow());
        landmarks.add(points);
        try (AlignedFace aligned = engine.aligner().align(decoded, points)) {
          appearances.add(MirrorReplayCheck.Appearance.of(aligned, points));
        }
      }
    }
    Embedding probe = embeddings.get(0);
    boolean followed = engine.matcher().oneIdentity(embeddings)
        && HeadTurn.followed(challenge.instruction(), landmarks)
        && !MirrorReplayCheck.mirrored(appearances);
    List<String> checks = new ArrayList<>(first.checks());
    checks.add("challenge:" + challenge.instruction().name().toLowerCase(Locale.ROOT));
    LivenessResult liveness = new LivenessResult(first.score(), first.live() && followed, first.threshold(), checks);
    return new Answer(probe, liveness, first.live(), followed, firstStages);
  }
}
