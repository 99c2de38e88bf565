package org.faceauth.core.image;

/**
 * What an image's header says, read without decoding a pixel or inflating anything: the size, the EXIF orientation,
 * how many bytes of metadata (everything that is not pixel data) it carries, and for JPEG how many scans it has.
 *
 * @param width declared width in pixels
 * @param height declared height in pixels
 * @param orientation EXIF orientation 1–8 (1 when absent or unreadable)
 * @param metadataBytes bytes of metadata segments or chunks (EXIF, ICC, XMP, text, comments)
 * @param scans number of entropy-coded scans (JPEG; 1 for other formats)
 */
record ImageHeader(long width, long height, int orientation, long metadataBytes, int scans) {
  /** Width × height, or {@link Long#MAX_VALUE} when a side is beyond any real image (so the product cannot wrap). */
  long pixels() {
    return width > Integer.MAX_VALUE || height > Integer.MAX_VALUE ? Long.MAX_VALUE : width * height;
  }
}
