package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.image.ImageDecoder;
import org.faceauth.core.image.ImageLimits;
import org.faceauth.server.problem.ApiException;

/**
 * Fuzzes the JSON image field as the server reads it: an arbitrary string (the input read as UTF-8: base64, MIME base64 with line breaks, or a
 * {@code data:} URL) through {@link ImageInput#ofBase64} and then the image decoder. Each input gives an image or an
 * {@link ApiException} / {@link FaceAuthException} with a message that does not echo the input back.
 */
class ImageInputFuzzTest {
  private static final ImageDecoder DECODER = new ImageDecoder(ImageLimits.DEFAULT);

  @FuzzTest
  void ofBase64(byte[] json) {
    String field = new String(json, StandardCharsets.UTF_8);
    try {
      byte[] bytes = ImageInput.ofBase64(field, "image");
      assertThat(bytes).isNotEmpty();
      DECODER.decode(bytes).close();
    } catch (ApiException | FaceAuthException refused) {
      assertThat(refused.getMessage()).isNotBlank().hasSizeLessThan(300);
    }
  }
}
