package org.faceauth.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Converts 8-bit BGR pixels into the float tensors models expect. Stateless, thread-safe. */
public final class ImageTensors {
  private ImageTensors() {}

  /** Which channel comes first in the tensor. */
  public enum ChannelOrder {
    RGB,
    BGR
  }

  /**
   * Per-channel normalisation {@code (pixel - mean[c]) / std[c]}, with channels in the tensor's order.
   *
   * @param mean subtracted per channel
   * @param std divided per channel
   */
  public record Normalization(float[] mean, float[] std) {
    public static Normalization of(float mean, float std) {
      return new Normalization(new float[] {mean, mean, mean}, new float[] {std, std, std});
    }

    /** Raw 0–255 values. */
    public static final Normalization NONE = of(0f, 1f);
  }

  /** A 1×3×H×W tensor from a CV_8UC3 BGR matrix. */
  public static FloatTensor chw(Mat bgr, ChannelOrder order, Normalization norm) {
    return chwPadded(bgr, order, norm, bgr.rows(), bgr.cols());
  }

  /**
   * A 1×3×{@code height}×{@code width} tensor holding {@code bgr} at its top left, the rest black (as if the image had
   * been padded with black pixels first, without the copy). Each channel is split out and converted with its mean and
   * scale by OpenCV's vectorised {@code convertTo}, straight into its plane: several times faster than
   * {@code Dnn.blobFromImage}, which converts and normalises the interleaved image in separate passes, and the same
   * values as the per-pixel formula of {@link #writeChw}: equal where the mean and scale are exact in binary (YuNet,
   * MTCNN, fr_feature, MiniFASNet), within one float rounding otherwise (MobileFaceNet).
   */
  public static FloatTensor chwPadded(Mat bgr, ChannelOrder order, Normalization norm, int height, int width) {
    float[] out = new float[3 * height * width];
    Mat planes = new Mat(3 * height, width, CvType.CV_32F);
    try {
      fillPlanes(bgr, order, norm, planes, height);
      planes.get(0, 0, out);
    } finally {
      planes.release();
    }
    return new FloatTensor(out, new long[] {1, 3, height, width});
  }

  /**
   * The values of {@link #chwPadded} written into {@code target}, a direct buffer in native byte order with room for
   * 3·{@code height}·{@code width} floats, which ONNX Runtime reads in place ({@link OnnxModel#run(FloatBuffer,
   * long[])}): no array on the Java heap (a 640×480 image's is 3.7 MB, a humongous object for the G1 collector) and no
   * copy into native memory.
   */
  public static FloatBuffer chwPaddedInto(
      Mat bgr, ChannelOrder order, Normalization norm, int height, int width, ByteBuffer target) {
    int floats = 3 * height * width;
    if (!target.isDirect() || target.order() != ByteOrder.nativeOrder() || target.capacity() < floats * Float.BYTES) {
      throw new IllegalArgumentException("a direct native-order buffer of " + floats + " floats is needed");
    }
    Mat planes = new Mat(3 * height, width, CvType.CV_32F, target);
    try {
      fillPlanes(bgr, order, norm, planes, height);
    } finally {
      planes.release();
    }
    return target.clear().asFloatBuffer().limit(floats);
  }

  /**
   * Fills {@code planes} (3·height rows of CV_32F) with one plane per channel in the tensor's order, {@code bgr} at each
   * plane's top left and black elsewhere. Each channel is split out and converted with its mean and scale by OpenCV's
   * vectorised {@code convertTo}, straight into its plane.
   */
  private static void fillPlanes(Mat bgr, ChannelOrder order, Normalization norm, Mat planes, int height) {
    requireBgr(bgr);
    int h = bgr.rows();
    int w = bgr.cols();
    int width = planes.cols();
    if (height < h || width < w) {
      throw new IllegalArgumentException(width + "×" + height + " cannot hold a " + w + "×" + h + " image");
    }
    boolean padded = height != h || width != w;
    List<Mat> channels = new ArrayList<>(3);
    try {
      Core.split(bgr, channels);
      for (int c = 0; c < 3; c++) {
        double scale = 1.0 / norm.std()[c];
        double offset = 0.0 - norm.mean()[c] * scale; // +0.0, not -0.0, when the mean is 0
        Mat plane = planes.rowRange(c * height, (c + 1) * height);
        Mat target = padded ? plane.submat(0, h, 0, w) : plane;
        if (padded) {
          plane.setTo(new Scalar(offset));
        }
        channels.get(order == ChannelOrder.BGR ? c : 2 - c).convertTo(target, CvType.CV_32F, scale, offset);
        if (target != plane) {
          target.release();
        }
        plane.release();
      }
    } finally {
      channels.forEach(Mat::release);
    }
  }

  /** Writes one CHW image into {@code out} starting at {@code offset} (for batches). */
  public static void writeChw(Mat bgr, ChannelOrder order, Normalization norm, float[] out, int offset) {
    byte[] pixels = pixels(bgr);
    int plane = bgr.rows() * bgr.cols();
    for (int c = 0; c < 3; c++) {
      int source = order == ChannelOrder.BGR ? c : 2 - c;
      float mean = norm.mean()[c];
      float scale = 1f / norm.std()[c];
      int base = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        out[base + i] = ((pixels[i * 3 + source] & 0xFF) - mean) * scale;
      }
    }
  }

  /** A 1×H×W×3 tensor from a CV_8UC3 BGR matrix. */
  public static FloatTensor hwc(Mat bgr, ChannelOrder order, Normalization norm) {
    int h = bgr.rows();
    int w = bgr.cols();
    byte[] pixels = pixels(bgr);
    float[] out = new float[pixels.length];
    for (int i = 0; i < h * w; i++) {
      for (int c = 0; c < 3; c++) {
        int source = order == ChannelOrder.BGR ? c : 2 - c;
        out[i * 3 + c] = ((pixels[i * 3 + source] & 0xFF) - norm.mean()[c]) / norm.std()[c];
      }
    }
    return new FloatTensor(out, new long[] {1, h, w, 3});
  }

  private static void requireBgr(Mat bgr) {
    if (bgr.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("expected CV_8UC3, got " + CvType.typeToString(bgr.type()));
    }
  }

  private static byte[] pixels(Mat bgr) {
    requireBgr(bgr);
    Mat continuous = bgr.isContinuous() ? bgr : bgr.clone();
    byte[] pixels = new byte[(int) (continuous.total() * 3)];
    continuous.get(0, 0, pixels);
    if (continuous != bgr) {
      continuous.release();
    }
    return pixels;
  }
}
