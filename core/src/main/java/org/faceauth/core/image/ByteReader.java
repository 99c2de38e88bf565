package org.faceauth.core.image;

import org.faceauth.core.ErrorCode;

/**
 * Bounds-checked big- and little-endian reads from a byte array, for the header readers. A read past the end throws an
 * {@link InvalidImageException} saying the file is cut short, never an {@link IndexOutOfBoundsException}.
 */
final class ByteReader {
  private final byte[] bytes;
  private final ImageFormat format;

  ByteReader(byte[] bytes, ImageFormat format) {
    this.bytes = bytes;
    this.format = format;
  }

  int length() {
    return bytes.length;
  }

  byte[] bytes() {
    return bytes;
  }

  boolean has(long offset, long count) {
    return offset >= 0 && count >= 0 && offset + count <= bytes.length;
  }

  int u8(long offset) {
    require(offset, 1);
    return bytes[(int) offset] & 0xFF;
  }

  int u16(long offset, boolean bigEndian) {
    require(offset, 2);
    int a = bytes[(int) offset] & 0xFF;
    int b = bytes[(int) offset + 1] & 0xFF;
    return bigEndian ? a << 8 | b : b << 8 | a;
  }

  int u24le(long offset) {
    require(offset, 3);
    int i = (int) offset;
    return (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16;
  }

  long u32(long offset, boolean bigEndian) {
    require(offset, 4);
    long hi = u16(offset, bigEndian);
    long lo = u16(offset + 2, bigEndian);
    return bigEndian ? hi << 16 | lo : lo << 16 | hi;
  }

  /** Whether the ASCII {@code text} is at {@code offset}. */
  boolean matches(long offset, String text) {
    if (!has(offset, text.length())) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (bytes[(int) offset + i] != (byte) text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  void require(long offset, long count) {
    if (!has(offset, count)) {
      throw truncated();
    }
  }

  InvalidImageException truncated() {
    return new InvalidImageException(
        ErrorCode.IMAGE_TRUNCATED, "The " + format + " file is cut short: it ends in the middle of its data.");
  }

  InvalidImageException corrupt(String what) {
    return new InvalidImageException(ErrorCode.IMAGE_CORRUPT, "The " + format + " header is damaged: " + what + ".");
  }
}
