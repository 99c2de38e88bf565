package org.faceauth.core.image;

import java.util.Set;
import org.faceauth.core.ErrorCode;

/**
 * Walks a PNG's chunks by their length fields, never inflating one: the size from IHDR, the orientation from an
 * {@code eXIf} chunk (stored uncompressed), and the length of every ancillary chunk other than transparency as
 * metadata. Text chunks (tEXt, zTXt, iTXt) and ICC profiles are counted, not read. Animated PNG is refused (by its
 * acTL chunk), as animated WebP is. A file that ends before its IEND chunk is cut short.
 */
final class PngHeaderReader implements HeaderReader {
  private static final long SIGNATURE_BYTES = 8;
  private static final Set<String> IMAGE_CHUNKS = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS");

  @Override
  public ImageHeader read(ByteReader in) {
    if (!in.matches(SIGNATURE_BYTES + 4, "IHDR") || in.u32(SIGNATURE_BYTES, true) != 13) {
      throw in.corrupt("its first chunk is not a 13-byte IHDR");
    }
    long width = in.u32(SIGNATURE_BYTES + 8, true);
    long height = in.u32(SIGNATURE_BYTES + 12, true);
    int orientation = 1;
    long metadata = 0;
    long pos = SIGNATURE_BYTES;
    while (true) {
      long length = in.u32(pos, true);
      long data = pos + 8;
      in.require(data, length + 4);
      String type = chunkType(in, pos + 4);
      if (type.equals("IEND")) {
        break;
      }
      if (type.equals("acTL")) {
        throw new InvalidImageException(
            ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "Animated PNG images are not supported: send a still image.");
      }
      if (!IMAGE_CHUNKS.contains(type)) {
        metadata += length;
      }
      if (type.equals("eXIf")) {
        orientation = TiffDirectory.orientation(in, data, length);
      }
      pos = data + length + 4;
    }
    if (width == 0 || height == 0) {
      throw in.corrupt("IHDR declares " + width + "×" + height + " pixels");
    }
    return new ImageHeader(width, height, orientation, metadata, 1);
  }

  private static String chunkType(ByteReader in, long offset) {
    char[] type = new char[4];
    for (int i = 0; i < 4; i++) {
      type[i] = (char) in.u8(offset + i);
    }
    return new String(type);
  }
}
