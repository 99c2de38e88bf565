package org.faceauth.core.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.faceauth.core.ErrorCode;

/**
 * One ONNX model loaded into one ONNX Runtime session, created once and shared: {@link #run} is thread-safe. Denormal
 * floats are flushed to zero (several of FaceAuth's models carry them; without it inference is about ten times
 * slower). The time spent inside ONNX Runtime is counted, so benchmarks can compare a pipeline with its bare
 * inference cost.
 */
public final class OnnxModel implements AutoCloseable {
  private final ModelFile file;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final LongAdder inferenceNanos = new LongAdder();
  private final LongAdder inferenceCalls = new LongAdder();

  private OnnxModel(ModelFile file, OrtEnvironment environment, OrtSession session) {
    this.file = file;
    this.environment = environment;
    this.session = session;
  }

  /**
   * Verifies and loads {@code file} from {@code directory} (from its bytes: bundled models are not files).
   *
   * @throws ModelException if the file is missing, fails its checksum or cannot be loaded
   */
  public static OnnxModel load(ModelDirectory directory, ModelFile file, InferenceOptions options) {
    byte[] bytes = directory.bytes(file);
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
      sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
      sessionOptions.setInterOpNumThreads(1);
      sessionOptions.addConfigEntry("session.set_denormal_as_zero", "1");
      return new OnnxModel(file, environment, environment.createSession(bytes, sessionOptions));
    } catch (OrtException e) {
      throw new ModelException(
          ErrorCode.MODEL_LOAD_FAILED, "ONNX Runtime cannot load " + file.relativePath() + ": " + e.getMessage(), e);
    }
  }

  public ModelFile file() {
    return file;
  }

  /** The name of the model's first input. */
  public String inputName() {
    return session.getInputNames().iterator().next();
  }

  /** The declared shape of every output (dynamic dimensions are -1), in the model's order. */
  public Map<String, long[]> outputShapes() {
    try {
      Map<String, long[]> shapes = new LinkedHashMap<>();
      session.getOutputInfo().forEach((name, info) -> shapes.put(name, ((TensorInfo) info.getInfo()).getShape()));
      return shapes;
    } catch (OrtException e) {
      throw new ModelException(ErrorCode.MODEL_LOAD_FAILED, "Cannot read outputs of " + file.relativePath(), e);
    }
  }

  /**
   * Runs the model on one float input and returns every output by name.
   *
   * @throws ModelException if ONNX Runtime fails (for example on a wrong input shape)
   */
  public Map<String, FloatTensor> run(FloatTensor input) {
    long start = System.nanoTime();
    try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input.data()), input.shape());
        OrtSession.Result result = session.run(Map.of(inputName(), tensor))) {
      Map<String, FloatTensor> outputs = new LinkedHashMap<>();
      for (Map.Entry<String, OnnxValue> entry : result) {
        OnnxTensor out = (OnnxTensor) entry.getValue();
        FloatBuffer buffer = out.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        outputs.put(entry.getKey(), new FloatTensor(data, out.getInfo().getShape()));
      }
      return outputs;
    } catch (OrtException e) {
      throw new ModelException(
          ErrorCode.MODEL_INFERENCE_FAILED, "Inference failed in " + file.relativePath() + ": " + e.getMessage(), e);
    } finally {
      inferenceNanos.add(System.nanoTime() - start);
      inferenceCalls.increment();
    }
  }

  /** Total nanoseconds spent in {@link #run} since loading. */
  public long inferenceNanos() {
    return inferenceNanos.sum();
  }

  /** Number of {@link #run} calls since loading. */
  public long inferenceCalls() {
    return inferenceCalls.sum();
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new ModelException(ErrorCode.MODEL_LOAD_FAILED, "Cannot close " + file.relativePath(), e);
    }
  }
}
