package org.faceauth.core.flow;

import java.util.List;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.liveness.LivenessCheck;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.liveness.LivenessResult;
import org.faceauth.core.pipeline.FaceEngine;

/** The passive liveness verdict on one face: the engine's check, judged live at the policy's threshold. */
final class PassiveLiveness {
  private final FaceEngine engine;
  private final LivenessPolicy policy;

  PassiveLiveness(FaceEngine engine, LivenessPolicy policy) {
    this.engine = engine;
    this.policy = policy;
  }

  /** Whether a face judged not live fails verification. */
  boolean required() {
    return policy.required();
  }

  LivenessResult judge(BgrImage image, DetectedFace face) {
    LivenessCheck check = engine.liveness();
    double score = check.score(image, face);
    return new LivenessResult(score, score >= policy.threshold(), policy.threshold(), List.of("passive:" + check.id()));
  }
}
