package org.faceauth.core.image;

import org.faceauth.core.ErrorCode;

/**
 * Walks a WebP's RIFF chunks: the size from the first chunk (a VP8 key frame, a VP8L header or the VP8X canvas), the
 * orientation from an {@code EXIF} chunk, and the length of every chunk that is not image data as metadata. Animated
 * WebP is refused here, by its VP8X flag, since the decoder reads still images only.
 */
final class WebpHeaderReader implements HeaderReader {
  private static final long FIRST_CHUNK = 12;
  private static final int ANIMATION_FLAG = 0x02;

  @Override
  public ImageHeader read(ByteReader in) {
    String first = fourCc(in, FIRST_CHUNK);
    long data = FIRST_CHUNK + 8;
    long firstLength = in.u32(FIRST_CHUNK + 4, false);
    in.require(data, firstLength);
    return switch (first) {
      case "VP8 " -> lossy(in, data);
      case "VP8L" -> lossless(in, data);
      case "VP8X" -> extended(in, data, firstLength);
      default -> throw in.corrupt("its first chunk is '" + printable(first) + "', not VP8, VP8L or VP8X");
    };
  }

  private static ImageHeader lossy(ByteReader in, long data) {
    if (in.u8(data + 3) != 0x9D || in.u8(data + 4) != 0x01 || in.u8(data + 5) != 0x2A) {
      throw in.corrupt("its VP8 frame does not start with a key frame");
    }
    return sized(in, in.u16(data + 6, false) & 0x3FFF, in.u16(data + 8, false) & 0x3FFF, 1, 0);
  }

  private static ImageHeader lossless(ByteReader in, long data) {
    if (in.u8(data) != 0x2F) {
      throw in.corrupt("its VP8L signature is wrong");
    }
    long bits = in.u32(data + 1, false);
    return sized(in, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, 1, 0);
  }

  private static ImageHeader extended(ByteReader in, long data, long length) {
    if (length < 10) {
      throw in.corrupt("its VP8X chunk is too short");
    }
    if ((in.u8(data) & ANIMATION_FLAG) != 0) {
      throw new InvalidImageException(
          ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "Animated WebP images are not supported: send a still image.");
    }
    long width = in.u24le(data + 4) + 1L;
    long height = in.u24le(data + 7) + 1L;
    int orientation = 1;
    long metadata = 0;
    long pos = data + length + (length & 1);
    while (in.has(pos, 8)) {
      String type = fourCc(in, pos);
      long chunkLength = in.u32(pos + 4, false);
      in.require(pos + 8, chunkLength);
      switch (type) {
        case "VP8 ", "VP8L", "ALPH" -> { }
        case "EXIF" -> {
          metadata += chunkLength;
          orientation = TiffDirectory.orientation(in, pos + 8, chunkLength);
        }
        default -> metadata += chunkLength;
      }
      pos += 8 + chunkLength + (chunkLength & 1);
    }
    return sized(in, width, height, orientation, metadata);
  }

  private static ImageHeader sized(ByteReader in, long width, long height, int orientation, long metadata) {
    if (width == 0 || height == 0) {
      throw in.corrupt("it declares " + width + "×" + height + " pixels");
    }
    return new ImageHeader(width, height, orientation, metadata, 1);
  }

  private static String fourCc(ByteReader in, long offset) {
    char[] type = new char[4];
    for (int i = 0; i < 4; i++) {
      type[i] = (char) in.u8(offset + i);
    }
    return new String(type);
  }

  private static String printable(String fourCc) {
    return fourCc.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
