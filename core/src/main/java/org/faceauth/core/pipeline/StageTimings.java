package org.faceauth.core.pipeline;

/**
 * Nanoseconds spent in each stage of processing one image. Landmarks is zero for detectors that find landmarks
 * together with boxes (MTCNN, YuNet); liveness is zero where no liveness check ran (enrollment, identification).
 */
public record StageTimings(long decode, long detect, long landmarks, long align, long embed, long liveness) {
  public static final StageTimings ZERO = new StageTimings(0, 0, 0, 0, 0, 0);

  /** The timings of the face pipeline alone (no liveness yet). */
  public StageTimings(long decode, long detect, long landmarks, long align, long embed) {
    this(decode, detect, landmarks, align, embed, 0);
  }

  public long total() {
    return decode + detect + landmarks + align + embed + liveness;
  }

  /** The same timings with {@code nanos} of liveness checking. */
  public StageTimings withLiveness(long nanos) {
    return new StageTimings(decode, detect, landmarks, align, embed, nanos);
  }

  /** The same timings with {@code nanos} of decoding. */
  public StageTimings withDecode(long nanos) {
    return new StageTimings(nanos, detect, landmarks, align, embed, liveness);
  }
}
