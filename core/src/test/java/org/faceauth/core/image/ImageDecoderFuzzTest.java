package org.faceauth.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.faceauth.core.ErrorCode;

/**
 * Fuzzes {@link ImageDecoder#decode} with arbitrary bytes, seeded with small synthetic images of every accepted format
 * (JPEG baseline and progressive, PNG grey/RGB/RGBA/16-bit, BMP, WebP lossy and lossless, TIFF; made by
 * {@code fuzz/SeedImages.java}). Every input either decodes to an image at least the minimum side long, or is refused
 * with an {@link InvalidImageException}; anything else is a finding.
 */
class ImageDecoderFuzzTest {
  private static final ImageDecoder DECODER = new ImageDecoder(ImageLimits.DEFAULT);

  @FuzzTest
  void decode(byte[] bytes) {
    try (BgrImage image = DECODER.decode(bytes)) {
      assertThat(Math.min(image.width(), image.height())).isGreaterThanOrEqualTo(ImageLimits.DEFAULT.minSide());
      assertThat(image.mat().channels()).isEqualTo(3);
    } catch (InvalidImageException refused) {
      assertThat(refused.code().family()).isEqualTo(ErrorCode.Family.INVALID_IMAGE);
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
