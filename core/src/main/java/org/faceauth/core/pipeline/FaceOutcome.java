package org.faceauth.core.pipeline;

/** What processing one image produced. */
public enum FaceOutcome {
  /** A face was found (and, for enrollment, passed the quality gate); an embedding was made. */
  ACCEPTED,
  /** No face was found. */
  NO_FACE,
  /** A face was found but the enrollment quality gate refused it. */
  LOW_QUALITY
}
