package org.faceauth.core.image;

/**
 * Reads an {@link ImageHeader} from the bytes of one format by walking its segments or chunks: it never decodes
 * pixels, inflates compressed data or copies metadata, so its cost is bounded by the input's length whatever the
 * input holds.
 */
interface HeaderReader {
  /**
   * @throws InvalidImageException when the header is cut short, damaged, or does not state the image size
   */
  ImageHeader read(ByteReader in);

  static HeaderReader of(ImageFormat format) {
    return switch (format) {
      case JPEG -> new JpegHeaderReader();
      case PNG -> new PngHeaderReader();
      case BMP -> new BmpHeaderReader();
      case WEBP -> new WebpHeaderReader();
      case TIFF -> new TiffHeaderReader();
    };
  }
}
