package org.faceauth.core.liveness;

import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.image.BgrImage;

/**
 * A passive presentation-attack check on one face in one image: how likely the face is a live person in front of the
 * camera rather than a print or a screen. Implementations are thread-safe.
 */
public interface LivenessCheck extends AutoCloseable {
  /** A short id naming the check, e.g. {@code minifasnet}. */
  String id();

  /** P(live) in [0, 1] for {@code face} in {@code image}. */
  double score(BgrImage image, DetectedFace face);

  @Override
  void close();
}
