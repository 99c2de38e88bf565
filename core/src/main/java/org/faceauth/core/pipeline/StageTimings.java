package org.faceauth.core.pipeline;

/**
 * Nanoseconds spent in each stage of processing one image. Landmarks is zero for detectors that find landmarks
 * together with boxes (MTCNN, YuNet).
 */
public record StageTimings(long decode, long detect, long landmarks, long align, long embed) {
  public static final StageTimings ZERO = new StageTimings(0, 0, 0, 0, 0);

  public long total() {
    return decode + detect + landmarks + align + embed;
  }

  /** The same timings with {@code nanos} of decoding. */
  public StageTimings withDecode(long nanos) {
    return new StageTimings(nanos, detect, landmarks, align, embed);
  }
}
