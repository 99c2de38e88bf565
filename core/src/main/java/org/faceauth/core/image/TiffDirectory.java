package org.faceauth.core.image;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first image file directory (IFD0) of a TIFF structure: a TIFF file, or the EXIF block of a JPEG, PNG or WebP.
 * Only single-valued SHORT and LONG entries are kept (size, orientation, tiles); nothing is followed beyond IFD0.
 */
final class TiffDirectory {
  static final int IMAGE_WIDTH = 256;
  static final int IMAGE_LENGTH = 257;
  static final int ORIENTATION = 274;
  static final int TILE_WIDTH = 322;
  static final int TILE_LENGTH = 323;

  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int ENTRY_BYTES = 12;

  private final Map<Integer, Long> values;

  private TiffDirectory(Map<Integer, Long> values) {
    this.values = values;
  }

  /**
   * Reads IFD0 of the TIFF structure in {@code [start, start + length)}; empty when it is not a well-formed one
   * (wrong byte order mark or magic number, IFD0 outside the range).
   */
  static Optional<TiffDirectory> read(ByteReader in, long start, long length) {
    long end = Math.min(start + length, in.length());
    if (!in.has(start, 8) || start + 8 > end) {
      return Optional.empty();
    }
    boolean bigEndian;
    if (in.matches(start, "MM")) {
      bigEndian = true;
    } else if (in.matches(start, "II")) {
      bigEndian = false;
    } else {
      return Optional.empty();
    }
    if (in.u16(start + 2, bigEndian) != 42) {
      return Optional.empty();
    }
    long ifd = start + in.u32(start + 4, bigEndian);
    if (ifd + 2 > end) {
      return Optional.empty();
    }
    int count = in.u16(ifd, bigEndian);
    if (ifd + 2 + (long) count * ENTRY_BYTES > end) {
      return Optional.empty();
    }
    Map<Integer, Long> values = new HashMap<>();
    for (int i = 0; i < count; i++) {
      long entry = ifd + 2 + (long) i * ENTRY_BYTES;
      int tag = in.u16(entry, bigEndian);
      int type = in.u16(entry + 2, bigEndian);
      long n = in.u32(entry + 4, bigEndian);
      if (n == 1 && type == SHORT) {
        values.putIfAbsent(tag, (long) in.u16(entry + 8, bigEndian));
      } else if (n == 1 && type == LONG) {
        values.putIfAbsent(tag, in.u32(entry + 8, bigEndian));
      }
    }
    return Optional.of(new TiffDirectory(values));
  }

  /** The EXIF orientation of the TIFF structure in the range, or 1 when there is none or it is out of range. */
  static int orientation(ByteReader in, long start, long length) {
    return read(in, start, length)
        .flatMap(directory -> directory.value(ORIENTATION))
        .filter(value -> value >= 1 && value <= 8)
        .map(Long::intValue)
        .orElse(1);
  }

  Optional<Long> value(int tag) {
    return Optional.ofNullable(values.get(tag));
  }
}
