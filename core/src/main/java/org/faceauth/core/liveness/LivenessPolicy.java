package org.faceauth.core.liveness;

/**
 * Whether verification requires a live face, and at what passive score.
 *
 * <p>The default threshold 0.5 is the point where the fused MiniFASNet pair finds "live" more likely than not (their
 * authors' decision rule up to ties); it was not tuned on the dev spoof set, which is small (10 live, 10 attacks).
 *
 * @param required whether a face judged not live fails verification (the result says so either way)
 * @param threshold the passive score at or above which a face is live
 */
public record LivenessPolicy(boolean required, double threshold) {
  public static final LivenessPolicy DEFAULT = new LivenessPolicy(true, 0.5);

  /** Liveness measured and reported, never enforced. */
  public static final LivenessPolicy REPORT_ONLY = new LivenessPolicy(false, 0.5);
}
