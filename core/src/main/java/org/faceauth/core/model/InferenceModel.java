package org.faceauth.core.model;

import java.util.Map;

/**
 * One loaded model file that turns a float tensor into named float tensors, whatever runtime executes it. {@link #run}
 * is thread-safe and runs at full speed on any calling thread; the time spent in it is counted so that benchmarks can
 * compare a pipeline with its bare inference cost.
 */
public interface InferenceModel extends AutoCloseable {
  /** The model file this was loaded from. */
  ModelSource source();

  /**
   * Runs the model on one input and returns every output by name, in the model's order.
   *
   * @throws ModelException if the runtime fails (for example on a wrong input shape)
   */
  Map<String, FloatTensor> run(FloatTensor input);

  /** Total nanoseconds spent in {@link #run} since loading. */
  long inferenceNanos();

  /** Number of {@link #run} calls since loading. */
  long inferenceCalls();

  /** Frees the runtime's resources; the model must not be run afterwards. */
  @Override
  void close();
}
