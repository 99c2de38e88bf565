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
 * floats are flushed to zero, but ONNX Runtime (1.29) does so only on the thread that created the first session: a
 * model whose activations go denormal (fr_feature) runs about 7× slower on every other thread, so such a model runs on
 * {@link OpenCvDnnModel} instead. The time spent inside ONNX Runtime is counted, so benchmarks can compare a pipeline
 * with its bare inference cost.
 */
public final class OnnxModel implements InferenceModel {
  private final ModelSource file;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final LongAdder inferenceNanos = new LongAdder();
  private final LongAdder inferenceCalls = new LongAdder();

  private OnnxModel(ModelSource file, OrtEnvironment environment, OrtSession session) {
    this.file = file;
    this.environment = environment;
    this.session = session;
  }

  /**
   * Verifies and loads {@code file} from {@code directory} (from its bytes: bundled models are not files).
   *
   * @throws ModelException if the file is missing, fails its checksum or cannot be loaded
   */
  public static OnnxModel load(ModelDirectory directory, ModelSource file, InferenceOptions options) {
    byte[] bytes = file.bytes(directory);
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

  @Override
  public ModelSource source() {
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

  @Override
  public Map<String, FloatTensor> run(FloatTensor input) {
    return run(FloatBuffer.wrap(input.data()), input.shape());
  }

  /**
   * Runs the model on {@code input}'s remaining values. A direct buffer in native byte order is read in place; any
   * other is first copied into native memory by ONNX Runtime.
   */
  public Map<String, FloatTensor> run(FloatBuffer input, long[] shape) {
    long start = System.nanoTime();
    try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape);
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

  @Override
  public long inferenceNanos() {
    return inferenceNanos.sum();
  }

  @Override
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
