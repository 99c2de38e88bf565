package org.faceauth.core.image;

/**
 * Bounds checked before an image is decoded, so that hostile or absurd input costs neither memory nor time: every one
 * is read from the header, whose reading is itself bounded by the byte limit.
 *
 * @param maxBytes largest accepted encoded size
 * @param maxPixels largest accepted width × height, read from the header before decoding
 * @param minSide smallest accepted width or height in pixels
 * @param maxMetadataBytes largest accepted total of metadata segments or chunks (EXIF, ICC, XMP, text, comments);
 *     they are never inflated, and a face photo carries a few tens of KB at most
 * @param maxAspectRatio largest accepted ratio of the longer side to the shorter one
 * @param maxScans most JPEG scans accepted (decoding costs one pass over the image per scan; encoders write at most
 *     a dozen)
 */
public record ImageLimits(
    long maxBytes, long maxPixels, int minSide, long maxMetadataBytes, int maxAspectRatio, int maxScans) {
  /** 15 MB, 40 megapixels, 32 px, 256 KiB of metadata, 10:1, 100 scans. */
  public static final ImageLimits DEFAULT = new ImageLimits(15L * 1024 * 1024, 40_000_000L, 32);

  public ImageLimits {
    if (maxBytes <= 0 || maxPixels <= 0 || minSide <= 0 || maxMetadataBytes < 0 || maxAspectRatio < 1
        || maxScans < 1) {
      throw new IllegalArgumentException("image limits must be positive");
    }
  }

  /** The given byte, pixel and side limits with the default metadata, aspect ratio and scan limits. */
  public ImageLimits(long maxBytes, long maxPixels, int minSide) {
    this(maxBytes, maxPixels, minSide, 256L * 1024, 10, 100);
  }
}
