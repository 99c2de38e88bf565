package org.faceauth.core.pipeline;

import java.util.Objects;
import org.faceauth.core.detect.DetectorKind;

/**
 * Which detector serves enrollment (accuracy first) and which serves verification (speed first). Any detector may
 * serve either, so one detector for both is a valid strategy.
 */
public record DetectorStrategy(DetectorKind enroll, DetectorKind verify) {
  /** MTCNN to enroll, YuNet to verify. */
  public static final DetectorStrategy DEFAULT = new DetectorStrategy(DetectorKind.MTCNN, DetectorKind.YUNET);

  public DetectorStrategy {
    Objects.requireNonNull(enroll, "enroll");
    Objects.requireNonNull(verify, "verify");
  }
}
