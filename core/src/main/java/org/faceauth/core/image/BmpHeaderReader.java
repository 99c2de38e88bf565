package org.faceauth.core.image;

/**
 * Reads a BMP's size from its DIB header: 16-bit fields in the old OS/2 core header, signed 32-bit fields (a negative
 * height means top-down rows) in every later one. BMP has no metadata FaceAuth reads.
 */
final class BmpHeaderReader implements HeaderReader {
  private static final long DIB_HEADER = 14;
  private static final long CORE_HEADER_BYTES = 12;

  @Override
  public ImageHeader read(ByteReader in) {
    long size = in.u32(DIB_HEADER, false);
    long width;
    long height;
    if (size == CORE_HEADER_BYTES) {
      width = in.u16(DIB_HEADER + 4, false);
      height = in.u16(DIB_HEADER + 6, false);
    } else {
      width = (int) in.u32(DIB_HEADER + 4, false);
      height = Math.abs((long) (int) in.u32(DIB_HEADER + 8, false));
    }
    if (width <= 0 || height <= 0) {
      throw in.corrupt("it declares " + width + "×" + height + " pixels");
    }
    return new ImageHeader(width, height, 1, 0, 1);
  }
}
