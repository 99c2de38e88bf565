package org.faceauth.core.image;

/**
 * Walks a JPEG's marker segments: the size from the first start-of-frame segment, the orientation from the EXIF block
 * of the first APP1 segment, the length of every APPn and COM segment before the first scan as metadata. Then follows
 * the file from scan to scan up to the end-of-image marker, counting the scans (a progressive JPEG costs one pass over
 * its coefficients per scan) and skipping each segment between scans by its length, so that no payload byte is taken
 * for a marker. A file without that end marker is cut short.
 */
final class JpegHeaderReader implements HeaderReader {
  private static final int SOF0 = 0xC0;
  private static final int SOF15 = 0xCF;
  private static final int DHT = 0xC4;
  private static final int JPG = 0xC8;
  private static final int DAC = 0xCC;
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP0 = 0xE0;
  private static final int APP1 = 0xE1;
  private static final int APP15 = 0xEF;
  private static final int COM = 0xFE;

  @Override
  public ImageHeader read(ByteReader in) {
    long pos = 2;
    long width = -1;
    long height = -1;
    int orientation = 1;
    boolean exifSeen = false;
    long metadata = 0;
    while (true) {
      if (in.u8(pos) != 0xFF) {
        throw in.corrupt("a marker was expected at byte " + pos);
      }
      int marker = in.u8(pos + 1);
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        pos += 2;
        continue;
      }
      if (marker == SOI || marker == EOI) {
        throw in.corrupt("it ends or restarts before any image data");
      }
      int length = in.u16(pos + 2, true);
      if (length < 2) {
        throw in.corrupt("a segment declares " + length + " bytes");
      }
      long data = pos + 4;
      long dataLength = length - 2L;
      in.require(data, dataLength);
      if (marker == SOS) {
        break;
      }
      if ((marker >= APP0 && marker <= APP15) || marker == COM) {
        metadata += length;
      }
      if (marker == APP1 && !exifSeen && in.matches(data, "Exif\0\0")) {
        exifSeen = true;
        orientation = TiffDirectory.orientation(in, data + 6, dataLength - 6);
      }
      if (isStartOfFrame(marker) && width < 0) {
        height = in.u16(data + 1, true);
        width = in.u16(data + 3, true);
      }
      pos = data + dataLength;
    }
    if (width <= 0 || height <= 0) {
      throw in.corrupt("it does not state the image size before its image data");
    }
    return new ImageHeader(width, height, orientation, metadata, countScans(in, pos));
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= SOF0 && marker <= SOF15 && marker != DHT && marker != JPG && marker != DAC;
  }

  /**
   * Counts the scans from the first start-of-scan segment at {@code sos} to the end-of-image marker. Entropy-coded data
   * stuffs every 0xFF byte with a zero and may hold restart markers, so the first other marker after it ends the scan.
   */
  private static int countScans(ByteReader in, long sos) {
    byte[] bytes = in.bytes();
    int scans = 0;
    long pos = sos;
    while (true) {
      int marker = in.u8(pos + 1);
      if (marker == EOI) {
        return scans;
      }
      long next = pos + 2 + in.u16(pos + 2, true);
      in.require(pos + 2, next - pos - 2);
      if (marker == SOS) {
        scans++;
        next = endOfEntropyCodedData(bytes, (int) next);
        if (next < 0) {
          throw in.truncated();
        }
      }
      pos = next;
      while (in.has(pos + 1, 1) && in.u8(pos) == 0xFF && in.u8(pos + 1) == 0xFF) {
        pos++;
      }
      if (in.u8(pos) != 0xFF) {
        throw in.corrupt("a marker was expected at byte " + pos);
      }
    }
  }

  /** The offset of the marker that ends the entropy-coded data starting at {@code from}, or -1 if the file ends first. */
  private static int endOfEntropyCodedData(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == (byte) 0xFF) {
        int next = bytes[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
      }
    }
    return -1;
  }
}
