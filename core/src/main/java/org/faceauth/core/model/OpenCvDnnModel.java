package org.faceauth.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * One ONNX model run by OpenCV DNN, for models that ONNX Runtime runs at full speed only on the thread that created
 * its first session (fr_feature: its activations go denormal, and ONNX Runtime flushes denormals to zero on that
 * thread only). OpenCV runs such a model at full speed on any thread, but an OpenCV {@code Net} is not thread-safe: this
 * class owns a pool of them, one per concurrent caller, created on first need from the model bytes read once, and
 * lends one to each {@link #run}. At most {@code capacity} run at once (a caller beyond that waits for a free one), so
 * memory stays bounded however many threads call. Thread-safe.
 */
public final class OpenCvDnnModel implements InferenceModel {
  private final ModelSource file;
  private final MatOfByte bytes;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Net> idle = new ConcurrentLinkedDeque<>();
  private final LongAdder inferenceNanos = new LongAdder();
  private final LongAdder inferenceCalls = new LongAdder();
  private final List<String> outputNames;

  private OpenCvDnnModel(ModelSource file, MatOfByte bytes, int capacity, Net first) {
    this.file = file;
    this.bytes = bytes;
    this.permits = new Semaphore(capacity);
    this.outputNames = List.copyOf(first.getUnconnectedOutLayersNames());
    idle.push(first);
  }

  /**
   * Verifies and loads {@code file} from {@code directory}; the first network is built at once, so that a file OpenCV
   * cannot read fails here. OpenCV's own parallelism is set to {@code options.intraOpThreads()} for the whole process.
   *
   * @param capacity how many runs at once, each on its own network (more callers wait)
   * @throws ModelException if the file is missing, fails its checksum or cannot be loaded
   */
  public static OpenCvDnnModel load(ModelDirectory directory, ModelSource file, InferenceOptions options, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    byte[] content = file.bytes(directory);
    OpenCv.load();
    Core.setNumThreads(options.intraOpThreads());
    MatOfByte bytes = new MatOfByte(content);
    return new OpenCvDnnModel(file, bytes, capacity, readNet(file, bytes));
  }

  @Override
  public ModelSource source() {
    return file;
  }

  @Override
  public Map<String, FloatTensor> run(FloatTensor input) {
    permits.acquireUninterruptibly();
    Net net = null;
    long start = System.nanoTime();
    Mat blob = new Mat(Arrays.stream(input.shape()).mapToInt(Math::toIntExact).toArray(), CvType.CV_32F);
    List<Mat> outputs = new ArrayList<>();
    try {
      net = idle.poll();
      if (net == null) {
        net = readNet(file, bytes);
      }
      blob.put(new int[input.shape().length], input.data());
      net.setInput(blob);
      net.forward(outputs, outputNames);
      Map<String, FloatTensor> named = new LinkedHashMap<>();
      for (int i = 0; i < outputs.size(); i++) {
        named.put(outputNames.get(i), tensor(outputs.get(i)));
      }
      return named;
    } catch (CvException e) {
      throw new ModelException(
          ErrorCode.MODEL_INFERENCE_FAILED, "Inference failed in " + file.relativePath() + ": " + e.getMessage(), e);
    } finally {
      outputs.forEach(Mat::release);
      blob.release();
      if (net != null) {
        idle.push(net);
      }
      permits.release();
      inferenceNanos.add(System.nanoTime() - start);
      inferenceCalls.increment();
    }
  }

  private static Net readNet(ModelSource file, MatOfByte bytes) {
    try {
      Net net = Dnn.readNetFromONNX(bytes);
      net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
      net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
      return net;
    } catch (CvException e) {
      throw new ModelException(
          ErrorCode.MODEL_LOAD_FAILED, "OpenCV DNN cannot load " + file.relativePath() + ": " + e.getMessage(), e);
    }
  }

  private static FloatTensor tensor(Mat out) {
    long[] shape = new long[out.dims()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = out.size(i);
    }
    float[] data = new float[Math.toIntExact(out.total())];
    Mat flat = out.reshape(1, 1);
    flat.get(0, 0, data);
    flat.release();
    return new FloatTensor(data, shape);
  }

  @Override
  public long inferenceNanos() {
    return inferenceNanos.sum();
  }

  @Override
  public long inferenceCalls() {
    return inferenceCalls.sum();
  }

  /** Drops the pooled networks (OpenCV frees each when it is collected). */
  @Override
  public void close() {
    idle.clear();
    bytes.release();
  }
}
