package org.faceauth.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

  @Test
  void decode_realJpeg_givesUprightBgr() {
    try (BgrImage image = decoder.decode(TestData.bytes("users/Barack_Obama/1.jpg"))) {
      assertThat(image.mat().type()).isEqualTo(CvType.CV_8UC3);
      assertThat(image.width()).isPositive();
    }
  }

  @Test
  void decode_emptyInput_isRejectedAsEmpty() {
    assertRejected(new byte[0], ErrorCode.IMAGE_EMPTY, "empty");
  }

  @Test
  void decode_truncatedJpeg_isRejectedAsTruncated() {
    byte[] jpeg = TestData.bytes("users/Barack_Obama/1.jpg");
    assertRejected(Arrays.copyOf(jpeg, jpeg.length / 2), ErrorCode.IMAGE_TRUNCATED, "cut short");
  }

  @Test
  void decode_textFile_isRejectedAsUnsupported() {
    assertRejected("name,email\nalice,alice@example.org\n".getBytes(StandardCharsets.UTF_8),
        ErrorCode.IMAGE_UNSUPPORTED_FORMAT, "not an image");
  }

  @Test
  void decode_oneByOnePixel_isRejectedAsTooSmall() {
    assertRejected(png(1, 1, 3), ErrorCode.IMAGE_TOO_SMALL, "1×1");
  }

  @Test
  void decode_pngHeaderDeclaringTenGigapixels_isRejectedBeforeDecoding() {
    assertRejected(TestData.pngHeaderOnly(100_000, 100_000), ErrorCode.IMAGE_TOO_MANY_PIXELS, "100000×100000");
  }

  @Test
  void decode_overByteLimit_isRejectedAsTooLarge() {
    ImageDecoder strict = new ImageDecoder(new ImageLimits(1000, 40_000_000, 32));
    assertThatThrownBy(() -> strict.decode(TestData.bytes("users/Barack_Obama/1.jpg")))
        .isInstanceOfSatisfying(InvalidImageException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
  }

  @Test
  void decode_garbageAfterJpegSignature_isRejectedWithoutCrashing() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = (byte) 0xFF;
    garbage[1] = (byte) 0xD8;
    garbage[2] = (byte) 0xFF;
    assertThatThrownBy(() -> decoder.decode(garbage)).isInstanceOf(InvalidImageException.class);
  }

  @Test
  void decode_grayscalePng_becomesThreeChannels() {
    try (BgrImage image = decoder.decode(TestData.bytes("users/bbt_penny/1.png"))) {
      assertThat(image.mat().channels()).isEqualTo(3);
    }
  }

  @Test
  void decode_transparentPng_isCompositedOnWhite() {
    try (BgrImage image = decoder.decode(png(64, 48, 4))) {
      double[] pixel = image.mat().get(10, 10);
      assertThat(pixel).containsExactly(255.0, 255.0, 255.0);
      assertThat(image.width()).isEqualTo(64);
    }
  }

  @Test
  void decode_exifRotatedPhoto_isTurnedUprightSoTheFaceIsFound() {
    byte[] bytes = TestData.bytes("test/spoof/live/silentface_T1.jpg");
    Mat stored = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_UNCHANGED);
    try (BgrImage image = decoder.decode(bytes)) {
      assertThat(image.width()).isEqualTo(stored.rows());
      assertThat(image.height()).isEqualTo(stored.cols());
      DetectedFace face = TestData.engine().detector(DetectorKind.YUNET).detect(image).get(0);
      assertThat(face.landmarks().leftEye().y()).isLessThan(face.landmarks().mouthLeft().y());
      assertThat(face.landmarks().leftEye().x()).isLessThan(face.landmarks().rightEye().x());
    } finally {
      stored.release();
    }
  }

  @Test
  void decode_largeJpeg_isDecodedAtReducedScaleKeepingEnoughResolution() {
    Mat big = new Mat();
    try (BgrImage photo = decoder.decode(TestData.bytes("users/Barack_Obama/1.jpg"))) {
      org.opencv.imgproc.Imgproc.resize(photo.mat(), big, new org.opencv.core.Size(3000, 3000));
    }
    MatOfByte jpeg = new MatOfByte();
    Imgcodecs.imencode(".jpg", big, jpeg);
    big.release();
    try (BgrImage image = decoder.decode(jpeg.toArray())) {
      assertThat(image.width()).isEqualTo(1500);
      assertThat(image.width()).isGreaterThanOrEqualTo(ImageDecoder.DEFAULT_REDUCED_DECODE_SIDE);
      assertThat(TestData.engine().detector(DetectorKind.YUNET).detect(image)).isNotEmpty();
    }
  }

  @Test
  void decode_2048pxJpeg_isDecodedAtHalfScaleDownToTheLargestDetectorSide() {
    Mat big = new Mat();
    try (BgrImage photo = decoder.decode(TestData.bytes("users/Barack_Obama/1.jpg"))) {
      org.opencv.imgproc.Imgproc.resize(photo.mat(), big, new org.opencv.core.Size(2048, 1536));
    }
    MatOfByte jpeg = new MatOfByte();
    Imgcodecs.imencode(".jpg", big, jpeg);
    big.release();
    try (BgrImage image = decoder.decode(jpeg.toArray())) {
      assertThat(image.width()).isEqualTo(ImageDecoder.DEFAULT_REDUCED_DECODE_SIDE).isEqualTo(1024);
      assertThat(image.height()).isEqualTo(768);
    }
  }

  private void assertRejected(byte[] bytes, ErrorCode code, String messagePart) {
    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(InvalidImageException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains(messagePart);
        });
  }

  private static byte[] png(int width, int height, int channels) {
    OpenCv.load();
    Mat mat = new Mat(height, width, channels == 4 ? CvType.CV_8UC4 : CvType.CV_8UC3, new Scalar(0, 0, 0, 0));
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".png", mat, out);
    return out.toArray();
  }

  /** A PNG signature, an IHDR chunk declaring the size, and IEND: no pixel data at all. */
}
