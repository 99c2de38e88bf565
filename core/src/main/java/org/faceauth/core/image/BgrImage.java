package org.faceauth.core.image;

import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A decoded 8-bit, 3-channel BGR image in native (OpenCV) memory. It owns its pixels and frees them on
 * {@link #close()}. Not thread-safe for writing; FaceAuth only reads it after decoding, so concurrent readers are fine.
 */
public final class BgrImage implements AutoCloseable {
  private final Mat mat;

  private BgrImage(Mat mat) {
    this.mat = mat;
  }

  /**
   * Takes ownership of {@code mat}, which must be a non-empty CV_8UC3 matrix.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static BgrImage own(Mat mat) {
    Objects.requireNonNull(mat, "mat");
    if (mat.empty() || mat.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("expected a non-empty CV_8UC3 Mat, got " + mat);
    }
    return new BgrImage(mat);
  }

  public int width() {
    return mat.cols();
  }

  public int height() {
    return mat.rows();
  }

  /** The pixels, borrowed: callers must neither release nor modify the returned matrix. */
  public Mat mat() {
    return mat;
  }

  /** Encodes as PNG or JPEG, chosen by {@code extension} ({@code ".png"}, {@code ".jpg"}). */
  public byte[] encode(String extension) {
    MatOfByte buffer = new MatOfByte();
    try {
      if (!Imgcodecs.imencode(extension, mat, buffer)) {
        throw new IllegalArgumentException("OpenCV cannot encode " + extension);
      }
      return buffer.toArray();
    } finally {
      buffer.release();
    }
  }

  @Override
  public void close() {
    mat.release();
  }
}
