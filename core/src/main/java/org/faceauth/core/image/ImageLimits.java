package org.faceauth.core.image;

/**
 * Bounds checked before an image is decoded, so that hostile or absurd input costs neither memory nor time.
 *
 * @param maxBytes largest accepted encoded size
 * @param maxPixels largest accepted width × height, read from the header before decoding
 * @param minSide smallest accepted width or height in pixels
 */
public record ImageLimits(long maxBytes, long maxPixels, int minSide) {
  /** 15 MB, 40 megapixels, 32 px. */
  public static final ImageLimits DEFAULT = new ImageLimits(15L * 1024 * 1024, 40_000_000L, 32);

  public ImageLimits {
    if (maxBytes <= 0 || maxPixels <= 0 || minSide <= 0) {
      throw new IllegalArgumentException("image limits must be positive");
    }
  }
}
