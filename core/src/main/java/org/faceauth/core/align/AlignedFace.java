package org.faceauth.core.align;

import org.faceauth.core.image.BgrImage;

/**
 * A face warped onto the alignment template: the input of every embedder. Owns its pixels.
 *
 * @param image the aligned crop (e.g. 112×112)
 * @param transform the image-to-crop transform that produced it
 */
public record AlignedFace(BgrImage image, SimilarityTransform transform) implements AutoCloseable {
  @Override
  public void close() {
    image.close();
  }
}
