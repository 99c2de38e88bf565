package org.faceauth.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.faceauth.core.testing.TestData;

/** Builds hostile variants of real images: decompression bombs, oversized metadata, lying headers. */
final class HostileImages {
  private static final int MEGABYTE = 1 << 20;
  private static final int PNG_IHDR_END = 8 + 25;

  private HostileImages() {}

  /**
   * A zlib stream that inflates to {@code megabytes} MB of zeros, built without compressing them: one megabyte is
   * compressed after another with a sync flush, so the second one's bytes (which only refer back to zeros) can be
   * repeated; then an empty final block and the Adler-32 of the zeros.
   */
  static byte[] zlibOfZeros(int megabytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    byte[] zeros = new byte[MEGABYTE];
    byte[] first = flushed(deflater, zeros);
    byte[] repeated = flushed(deflater, zeros);
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + repeated.length * megabytes);
    out.writeBytes(first);
    for (int i = 1; i < megabytes; i++) {
      out.writeBytes(repeated);
    }
    out.writeBytes(new byte[] {0x03, 0x00});
    long length = (long) megabytes * MEGABYTE;
    long adler = (length % 65521) << 16 | 1;
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) adler).array());
    return out.toByteArray();
  }

  private static byte[] flushed(Deflater deflater, byte[] input) {
    deflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int n;
    do {
      n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      out.write(buffer, 0, n);
    } while (n == buffer.length || !deflater.needsInput());
    return out.toByteArray();
  }

  /** {@code png} with a zTXt chunk whose text inflates to {@code megabytes} MB, right after IHDR. */
  static byte[] pngWithZtxt(byte[] png, int megabytes) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes("Comment\0".getBytes(StandardCharsets.ISO_8859_1));
    text.write(0);
    text.writeBytes(zlibOfZeros(megabytes));
    return pngWithChunk(png, "zTXt", text.toByteArray());
  }

  /** {@code png} with a compressed iTXt chunk whose text inflates to {@code megabytes} MB, right after IHDR. */
  static byte[] pngWithItxt(byte[] png, int megabytes) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes("XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1));
    text.write(1);
    text.write(0);
    text.writeBytes("en\0\0".getBytes(StandardCharsets.ISO_8859_1));
    text.writeBytes(zlibOfZeros(megabytes));
    return pngWithChunk(png, "iTXt", text.toByteArray());
  }

  static byte[] pngWithChunk(byte[] png, String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + data.length + 12);
    out.write(png, 0, PNG_IHDR_END);
    TestData.writePngChunk(out, type, data);
    out.write(png, PNG_IHDR_END, png.length - PNG_IHDR_END);
    return out.toByteArray();
  }

  /** {@code jpeg} with {@code count} APPn segments of 65533 bytes of {@code marker} data each, right after SOI. */
  static byte[] jpegWithSegments(byte[] jpeg, int marker, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    byte[] payload = new byte[65533];
    for (int i = 0; i < count; i++) {
      out.write(0xFF);
      out.write(marker);
      out.write(0xFF);
      out.write(0xFF);
      out.writeBytes(payload);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** {@code jpeg} whose start-of-frame segment is rewritten to declare {@code width × height}. */
  static byte[] jpegDeclaring(byte[] jpeg, int width, int height) {
    byte[] copy = jpeg.clone();
    for (int i = 2; i + 8 < copy.length; ) {
      int marker = copy[i + 1] & 0xFF;
      int length = (copy[i + 2] & 0xFF) << 8 | (copy[i + 3] & 0xFF);
      if (marker == 0xC0 || marker == 0xC2) {
        ByteBuffer.wrap(copy, i + 5, 4).putShort((short) height).putShort((short) width);
        return copy;
      }
      i += 2 + length;
    }
    throw new IllegalArgumentException("no baseline or progressive start-of-frame segment");
  }

  /** {@code jpeg} with {@code count} empty scans (start-of-scan segments copied from its first) before its end. */
  static byte[] jpegWithScans(byte[] jpeg, int count) {
    int sos = indexOf(jpeg, (byte) 0xDA);
    int length = (jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, jpeg.length - 2);
    for (int i = 0; i < count; i++) {
      out.write(jpeg, sos, 2 + length);
    }
    out.write(jpeg, jpeg.length - 2, 2);
    return out.toByteArray();
  }

  private static int indexOf(byte[] jpeg, byte marker) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == marker) {
        return i;
      }
    }
    throw new IllegalArgumentException("marker not found");
  }

  /** {@code webp} (a simple VP8 or VP8L file) wrapped in VP8X with a metadata chunk of {@code metadataBytes}. */
  static byte[] webpWithMetadata(byte[] webp, int width, int height, boolean animated, int metadataBytes) {
    byte[] image = java.util.Arrays.copyOfRange(webp, 12, webp.length);
    ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
    vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10);
    vp8x.put((byte) (animated ? 0x02 : 0x08)).put(new byte[3]);
    vp8x.put(u24(width - 1)).put(u24(height - 1));
    ByteBuffer xmp = ByteBuffer.allocate(8 + metadataBytes + (metadataBytes & 1)).order(ByteOrder.LITTLE_ENDIAN);
    xmp.put("XMP ".getBytes(StandardCharsets.US_ASCII)).putInt(metadataBytes);
    int body = vp8x.capacity() + image.length + xmp.capacity();
    ByteBuffer out = ByteBuffer.allocate(12 + body).order(ByteOrder.LITTLE_ENDIAN);
    out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    out.put(vp8x.array()).put(image).put(xmp.array());
    return out.array();
  }

  private static byte[] u24(int value) {
    return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
  }
}
