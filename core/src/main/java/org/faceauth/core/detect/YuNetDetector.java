package org.faceauth.core.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.ImageTensors;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.model.OnnxModel;
import org.opencv.core.Mat;

/**
 * OpenCV Zoo's YuNet run by ONNX Runtime, with the anchor-free decoding of OpenCV's {@code FaceDetectorYN} done here
 * (score = √(cls·obj), boxes and five landmarks per grid cell at strides 8, 16 and 32). Fast: the default
 * verification detector. The image is downscaled to {@link Settings#maxSide()} and padded to a multiple of 32.
 * Thread-safe.
 */
public final class YuNetDetector implements FaceDetector {
  /**
   * Tuning.
   *
   * @param scoreThreshold minimum face score
   * @param nmsThreshold IoU above which the weaker of two boxes is dropped
   * @param maxSide longer side of the network input
   */
  public record Settings(double scoreThreshold, double nmsThreshold, int maxSide) {
    public static final Settings DEFAULT = new Settings(0.8, 0.3, 640);
  }

  private static final int[] STRIDES = {8, 16, 32};
  private static final int ALIGN = 32;

  private final OnnxModel model;
  private final Settings settings;
  /**
   * Input buffers for ONNX Runtime, each big enough for the largest padded working image, lent for one run: as many
   * as detections ever ran at once (the inference limiter bounds that), 4.9 MB each at 640 px.
   */
  private final Queue<ByteBuffer> inputs = new ConcurrentLinkedQueue<>();

  /** Takes ownership of {@code model}. */
  public YuNetDetector(OnnxModel model, Settings settings) {
    this.model = model;
    this.settings = settings;
  }

  @Override
  public DetectorKind kind() {
    return DetectorKind.YUNET;
  }

  @Override
  public List<DetectedFace> detect(BgrImage image) {
    return WorkingImage.detectAtMostSide(image, settings.maxSide(), this::detectAtFullSize);
  }

  private List<DetectedFace> detectAtFullSize(Mat bgr) {
    int padW = (bgr.cols() + ALIGN - 1) / ALIGN * ALIGN;
    int padH = (bgr.rows() + ALIGN - 1) / ALIGN * ALIGN;
    ByteBuffer input = borrowInput();
    Map<String, FloatTensor> out;
    try {
      out = model.run(
          ImageTensors.chwPaddedInto(bgr, ChannelOrder.BGR, Normalization.NONE, padH, padW, input),
          new long[] {1, 3, padH, padW});
    } finally {
      inputs.offer(input);
    }
    List<DetectedFace> faces = new ArrayList<>();
    for (int stride : STRIDES) {
      decode(out, stride, padW / stride, padH / stride, bgr.cols(), bgr.rows(), faces);
    }
    return NonMaxSuppression.apply(
        faces, DetectedFace::box, DetectedFace::score, settings.nmsThreshold(), NonMaxSuppression.Overlap.UNION);
  }

  private ByteBuffer borrowInput() {
    ByteBuffer buffer = inputs.poll();
    if (buffer != null) {
      return buffer;
    }
    int side = (settings.maxSide() + ALIGN - 1) / ALIGN * ALIGN;
    return ByteBuffer.allocateDirect(3 * side * side * Float.BYTES).order(ByteOrder.nativeOrder());
  }

  private void decode(
      Map<String, FloatTensor> out, int stride, int cols, int rows, int width, int height, List<DetectedFace> faces) {
    float[] cls = out.get("cls_" + stride).data();
    float[] obj = out.get("obj_" + stride).data();
    float[] bbox = out.get("bbox_" + stride).data();
    float[] kps = out.get("kps_" + stride).data();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int idx = r * cols + c;
        double score = Math.sqrt(clamp01(cls[idx]) * clamp01(obj[idx]));
        if (score < settings.scoreThreshold()) {
          continue;
        }
        double cx = (c + bbox[idx * 4]) * stride;
        double cy = (r + bbox[idx * 4 + 1]) * stride;
        double w = Math.exp(bbox[idx * 4 + 2]) * stride;
        double h = Math.exp(bbox[idx * 4 + 3]) * stride;
        double x1 = Math.max(0, cx - w / 2);
        double y1 = Math.max(0, cy - h / 2);
        double x2 = Math.min(width, cx + w / 2);
        double y2 = Math.min(height, cy + h / 2);
        if (x2 <= x1 || y2 <= y1) {
          continue;
        }
        double[] xy = new double[10];
        for (int n = 0; n < 5; n++) {
          xy[2 * n] = (kps[idx * 10 + 2 * n] + c) * stride;
          xy[2 * n + 1] = (kps[idx * 10 + 2 * n + 1] + r) * stride;
        }
        faces.add(new DetectedFace(BoundingBox.ofCorners(x1, y1, x2, y2), score, Landmarks.ofInterleaved(xy)));
      }
    }
  }

  private static double clamp01(float v) {
    return Math.min(1.0, Math.max(0.0, v));
  }

  @Override
  public void close() {
    model.close();
  }
}
