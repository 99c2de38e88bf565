package org.faceauth.core.liveness;

import java.util.List;
import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.quality.QualityGate;

/**
 * Checks from the landmarks of a burst of frames that the head turned the way a challenge asked: somewhere in the
 * burst the yaw (nose offset from the face's midline, in inter-eye distances) must move by at least {@link #MIN_TURN}
 * in the instructed direction, from an earlier frame to a later one. Measuring from the lowest earlier point rather
 * than from the first frame lets a person who was already moving when the burst began pass. A still photo or a frozen
 * screen does not turn.
 */
public final class HeadTurn {
  /** The least yaw change that counts as a turn (a deliberate turn gives 0.5 and more). */
  public static final double MIN_TURN = 0.25;

  private HeadTurn() {}

  /** Whether the frames show the instructed turn. */
  public static boolean followed(ChallengeInstruction instruction, List<Landmarks> frames) {
    if (frames.size() < 2) {
      return false;
    }
    double lowest = instruction.direction() * QualityGate.yaw(frames.get(0));
    double furthest = 0;
    for (Landmarks frame : frames.subList(1, frames.size())) {
      double along = instruction.direction() * QualityGate.yaw(frame);
      furthest = Math.max(furthest, along - lowest);
      lowest = Math.min(lowest, along);
    }
    return furthest >= MIN_TURN;
  }
}
