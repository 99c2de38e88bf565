package org.faceauth.core.model;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;

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

    /** Whether every channel has the same mean and the same std. */
    boolean uniform() {
      return mean[0] == mean[1] && mean[1] == mean[2] && std[0] == std[1] && std[1] == std[2];
    }
  }

  /**
   * A 1×3×H×W tensor from a CV_8UC3 BGR matrix. With the same mean and std for every channel (every model here but
   * MobileFaceNet), OpenCV's vectorised {@code blobFromImage} does the work; the values are the same.
   */
  public static FloatTensor chw(Mat bgr, ChannelOrder order, Normalization norm) {
    int h = bgr.rows();
    int w = bgr.cols();
    float[] out = new float[3 * h * w];
    if (norm.uniform()) {
      requireBgr(bgr);
      Mat blob = Dnn.blobFromImage(bgr, 1.0 / norm.std()[0], new Size(w, h), Scalar.all(norm.mean()[0]),
          order == ChannelOrder.RGB, false, CvType.CV_32F);
      try {
        blob.get(new int[] {0, 0, 0, 0}, out);
      } finally {
        blob.release();
      }
    } else {
      writeChw(bgr, order, norm, out, 0);
    }
    return new FloatTensor(out, new long[] {1, 3, h, w});
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
