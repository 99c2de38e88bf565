package org.faceauth.core.model;

/**
 * How ONNX Runtime sessions run.
 *
 * @param intraOpThreads threads one inference may use; 1 suits servers that run many requests in parallel, the core
 *     count suits a single caller
 */
public record InferenceOptions(int intraOpThreads) {
  public InferenceOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1");
    }
  }

  /** One thread per available core. */
  public static InferenceOptions allCores() {
    return new InferenceOptions(Runtime.getRuntime().availableProcessors());
  }
}
