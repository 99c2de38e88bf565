package org.faceauth.core.align;

import org.faceauth.core.image.BgrImage;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A face warped onto the alignment template: the input of every embedder. Owns its pixels.
 *
 * @param image the aligned crop (e.g. 112×112)
 * @param transform the image-to-crop transform that produced it
 */
public record AlignedFace(BgrImage image, SimilarityTransform transform) implements AutoCloseable {
  /** The crop as a JPEG (quality 95), for debug crops and the crop endpoint. */
  public byte[] jpeg() {
    MatOfByte buffer = new MatOfByte();
    try {
      Imgcodecs.imencode(".jpg", image.mat(), buffer, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95));
      return buffer.toArray();
    } finally {
      buffer.release();
    }
  }

  @Override
  public void close() {
    image.close();
  }
}
