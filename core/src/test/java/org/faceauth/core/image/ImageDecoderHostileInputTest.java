package org.faceauth.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Hostile uploads built from real photos: each is refused with an {@link InvalidImageException} before anything is
 * decoded or inflated, and refusing it allocates a small bounded amount of heap whatever the input claims to hold.
 */
class ImageDecoderHostileInputTest {
  /** Heap that refusing one hostile image may allocate: the header walk copies nothing, so far below the inputs. */
  private static final long ALLOCATION_BOUND = 16L * 1024 * 1024;

  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
  private final byte[] facePng = TestData.bytes("users/bbt_penny/1.png");
  private final byte[] faceJpeg = TestData.bytes("users/Barack_Obama/1.jpg");

  @Test
  void decode_pngWithZtxtInflatingToGigabytes_isRefusedWithoutInflating() {
    byte[] bomb = HostileImages.pngWithZtxt(facePng, 2300);
    assertThat(bomb.length).isBetween(2_000_000, 3_000_000);
    assertRefusedCheaply(bomb, ErrorCode.IMAGE_TOO_LARGE, "bytes of metadata");
  }

  @Test
  void decode_pngWithItxtInflatingToGigabytes_isRefusedWithoutInflating() {
    assertRefusedCheaply(HostileImages.pngWithItxt(facePng, 2300), ErrorCode.IMAGE_TOO_LARGE, "bytes of metadata");
  }

  @Test
  void decode_pngWith400KilobyteTextBomb_isRefusedWithoutInflating() {
    byte[] bomb = HostileImages.pngWithZtxt(facePng, 400);
    assertThat(bomb.length).isBetween(300_000, 500_000);
    assertRefusedCheaply(bomb, ErrorCode.IMAGE_TOO_LARGE, "bytes of metadata");
  }

  @Test
  void decode_pngWithSmallTextChunk_decodesWithFlatMemory() {
    byte[] png = HostileImages.pngWithZtxt(facePng, 8);
    long allocated = allocatedBy(() -> decoder.decode(png).close());
    assertThat(allocated).isLessThan(ALLOCATION_BOUND);
  }

  @Test
  void decode_jpegWithMegabytesOfIccSegments_isRefusedBeforeDecoding() {
    assertRefusedCheaply(
        HostileImages.jpegWithSegments(faceJpeg, 0xE2, 80), ErrorCode.IMAGE_TOO_LARGE, "bytes of metadata");
  }

  @Test
  void decode_jpegWithHugeComment_isRefusedBeforeDecoding() {
    assertRefusedCheaply(
        HostileImages.jpegWithSegments(faceJpeg, 0xFE, 10), ErrorCode.IMAGE_TOO_LARGE, "bytes of metadata");
  }

  @Test
  void decode_jpegWithThousandsOfScans_isRefusedBeforeDecoding() {
    assertRefusedCheaply(HostileImages.jpegWithScans(faceJpeg, 5000), ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "scans");
  }

  @Test
  void decode_jpegAtThePixelLimitWithFiftyScans_isRefusedAsOverTheDecodingBudget() {
    byte[] big = HostileImages.jpegDeclaring(HostileImages.jpegWithScans(faceJpeg, 49), 6000, 6000);
    assertRefusedCheaply(big, ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "at most 26 scans at this size");
  }

  @Test
  void decode_jpegDeclaringGigapixels_isRefusedBeforeDecoding() {
    assertRefusedCheaply(
        HostileImages.jpegDeclaring(faceJpeg, 65_000, 65_000), ErrorCode.IMAGE_TOO_MANY_PIXELS, "65000×65000");
  }

  @Test
  void decode_longThinJpeg_namesItsRealSizeAndAspectRatio() {
    byte[] strip = HostileImages.jpegDeclaring(faceJpeg, 10_000, 40);
    assertRefusedCheaply(strip, ErrorCode.IMAGE_TOO_SMALL, "10000×40 pixels, 250 times longer than wide");
  }

  @Test
  void decode_realLongThinJpeg_namesItsRealSize() {
    byte[] strip = encodeResized(faceJpeg, 10_000, 40, ".jpg");
    assertThatThrownBy(() -> decoder.decode(strip))
        .isInstanceOfSatisfying(InvalidImageException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_SMALL);
          assertThat(e.getMessage()).contains("10000×40").doesNotContain("0×0 pixels");
        });
  }

  @Test
  void decode_wideJpegWithinTheAspectLimit_keepsItsShortSideWhenReduced() {
    byte[] wide = encodeResized(faceJpeg, 6000, 600, ".jpg");
    try (BgrImage image = decoder.decode(wide)) {
      assertThat(image.height()).isGreaterThanOrEqualTo(ImageLimits.DEFAULT.minSide());
      assertThat(image.width()).isEqualTo(6000 / 4);
    }
  }

  @Test
  void decode_webpWithMegabytesOfMetadata_isRefusedBeforeDecoding() {
    byte[] webp = reencode(faceJpeg, ".webp");
    try (BgrImage plain = decoder.decode(webp)) {
      byte[] bloated = HostileImages.webpWithMetadata(webp, plain.width(), plain.height(), false, 4 << 20);
      assertRefusedCheaply(bloated, ErrorCode.IMAGE_TOO_LARGE, "bytes of metadata");
    }
  }

  @Test
  void decode_animatedWebp_isRefusedAsUnsupportedRatherThanDamaged() {
    byte[] webp = reencode(faceJpeg, ".webp");
    assertRefusedCheaply(
        HostileImages.webpWithMetadata(webp, 250, 250, true, 16), ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "Animated");
  }

  @Test
  void decode_tiffDeclaringGigapixels_isRefusedBeforeDecoding() {
    byte[] tiff = reencode(faceJpeg, ".tiff");
    patchTiffSize(tiff, 100_000, 100_000);
    assertRefusedCheaply(tiff, ErrorCode.IMAGE_TOO_MANY_PIXELS, "100000×100000");
  }

  @Test
  void decode_bmpDeclaringGigapixels_isRefusedBeforeDecoding() {
    byte[] bmp = reencode(faceJpeg, ".bmp");
    ByteBuffer.wrap(bmp, 18, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(100_000).putInt(-100_000);
    assertRefusedCheaply(bmp, ErrorCode.IMAGE_TOO_MANY_PIXELS, "100000×100000");
  }

  @Test
  void decode_everyFacesDevPhoto_isAcceptedByTheHeaderWalk() {
    java.util.List<String> refused = new java.util.ArrayList<>();
    for (String folder : new String[] {"users", "test"}) {
      for (java.nio.file.Path photo : TestData.images(folder)) {
        try (BgrImage image = decoder.decode(java.nio.file.Files.readAllBytes(photo))) {
          assertThat(image.width()).isPositive();
        } catch (InvalidImageException e) {
          refused.add(photo.getFileName() + ": " + e.getMessage());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void decode_everyAcceptedFormat_givesTheSamePhoto() {
    int width;
    int height;
    try (BgrImage jpeg = decoder.decode(faceJpeg)) {
      width = jpeg.width();
      height = jpeg.height();
    }
    for (String extension : new String[] {".png", ".bmp", ".webp", ".tiff"}) {
      try (BgrImage image = decoder.decode(reencode(faceJpeg, extension))) {
        assertThat(image.width()).as(extension).isEqualTo(width);
        assertThat(image.height()).as(extension).isEqualTo(height);
      }
    }
  }

  @Test
  void decode_animatedPng_isRefusedAsUnsupported() {
    byte[] actl = ByteBuffer.allocate(8).putInt(2).putInt(0).array();
    assertRefusedCheaply(
        HostileImages.pngWithChunk(facePng, "acTL", actl), ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "Animated");
  }

  @Test
  void decode_pngDeclaringTheLargestSides_isRefusedWithoutOverflowing() {
    assertRefusedCheaply(
        TestData.pngHeaderOnly(-1, -1), ErrorCode.IMAGE_TOO_MANY_PIXELS, "4294967295×4294967295");
  }

  @Test
  void decode_jpegWithDataAfterItsEnd_decodesAndIgnoresIt() {
    byte[] trailer = new byte[64 * 1024];
    new java.util.Random(3).nextBytes(trailer);
    for (int i = 0; i + 1 < trailer.length; i += 500) {
      trailer[i] = (byte) 0xFF;
      trailer[i + 1] = (byte) 0xDA;
    }
    byte[] withTrailer = java.util.Arrays.copyOf(faceJpeg, faceJpeg.length + trailer.length);
    System.arraycopy(trailer, 0, withTrailer, faceJpeg.length, trailer.length);
    try (BgrImage plain = decoder.decode(faceJpeg);
        BgrImage image = decoder.decode(withTrailer)) {
      assertThat(image.width()).isEqualTo(plain.width());
    }
  }

  @Test
  void decode_pngWithExifChunk_isTurnedUpright() {
    byte[] rotated = HostileImages.pngWithChunk(reencode(faceJpeg, ".png"), "eXIf", exifOrientation(6));
    try (BgrImage plain = decoder.decode(faceJpeg);
        BgrImage upright = decoder.decode(rotated)) {
      assertThat(upright.width()).isEqualTo(plain.height());
      assertThat(upright.height()).isEqualTo(plain.width());
    }
  }

  @Test
  void decode_exifBlockPointingOutsideItself_isDecodedUnrotated() {
    byte[] exif = exifOrientation(6);
    ByteBuffer.wrap(exif).putInt(4, 0x7FFF_FFF0);
    try (BgrImage plain = decoder.decode(faceJpeg);
        BgrImage image = decoder.decode(HostileImages.pngWithChunk(reencode(faceJpeg, ".png"), "eXIf", exif))) {
      assertThat(image.width()).isEqualTo(plain.width());
    }
  }

  /** A big-endian TIFF structure whose IFD0 holds one entry: Orientation = {@code value}. */
  private static byte[] exifOrientation(int value) {
    return ByteBuffer.allocate(26).put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
        .putShort((short) 1).putShort((short) 274).putShort((short) 3).putInt(1).putShort((short) value)
        .putShort((short) 0).putInt(0).array();
  }

  private void assertRefusedCheaply(byte[] bytes, ErrorCode code, String messagePart) {
    long allocated = allocatedBy(() ->
        assertThatThrownBy(() -> decoder.decode(bytes))
            .isInstanceOfSatisfying(InvalidImageException.class, e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(messagePart);
            }));
    assertThat(allocated).as("bytes allocated while refusing").isLessThan(ALLOCATION_BOUND);
  }

  private static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static byte[] reencode(byte[] jpeg, String extension) {
    OpenCv.load();
    Mat image = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    MatOfByte out = new MatOfByte();
    try {
      Imgcodecs.imencode(extension, image, out, new MatOfInt());
      return out.toArray();
    } finally {
      image.release();
      out.release();
    }
  }

  private static byte[] encodeResized(byte[] jpeg, int width, int height, String extension) {
    OpenCv.load();
    Mat image = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    Mat resized = new Mat();
    MatOfByte out = new MatOfByte();
    try {
      org.opencv.imgproc.Imgproc.resize(image, resized, new org.opencv.core.Size(width, height));
      Imgcodecs.imencode(extension, resized, out);
      return out.toArray();
    } finally {
      image.release();
      resized.release();
      out.release();
    }
  }

  /** Rewrites the width and length entries of IFD0 (OpenCV writes them as single SHORT or LONG values). */
  private static void patchTiffSize(byte[] tiff, int width, int height) {
    ByteBuffer buffer = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int ifd = buffer.getInt(4);
    int count = Short.toUnsignedInt(buffer.getShort(ifd));
    for (int i = 0; i < count; i++) {
      int entry = ifd + 2 + 12 * i;
      int tag = Short.toUnsignedInt(buffer.getShort(entry));
      if (tag == 256 || tag == 257) {
        buffer.putShort(entry + 2, (short) 4).putInt(entry + 8, tag == 256 ? width : height);
      }
    }
  }
}
