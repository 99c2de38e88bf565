package org.faceauth.core.image;

/**
 * Walks a JPEG's marker segments up to its first scan: the size from the first start-of-frame segment, the orientation
 * from the EXIF block of the first APP1 segment, the length of every APPn and COM segment as metadata. Then counts the
 * scans (start-of-scan markers) in the rest of the file, since a progressive JPEG costs one pass over its coefficients
 * per scan.
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
    return new ImageHeader(width, height, orientation, metadata, countScans(in.bytes(), (int) pos));
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= SOF0 && marker <= SOF15 && marker != DHT && marker != JPG && marker != DAC;
  }

  /** Start-of-scan markers from {@code from} on: entropy-coded data stuffs every 0xFF, so it cannot hide one. */
  private static int countScans(byte[] bytes, int from) {
    int scans = 0;
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == (byte) 0xFF && bytes[i + 1] == (byte) SOS) {
        scans++;
      }
    }
    return scans;
  }
}
