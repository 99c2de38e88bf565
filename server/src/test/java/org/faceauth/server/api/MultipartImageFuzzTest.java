package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.image.ImageDecoder;
import org.faceauth.core.image.ImageLimits;
import org.faceauth.server.problem.ApiException;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Fuzzes an image part as a multipart request delivers it to a controller (which binds it by its part name): the
 * client-chosen file name and content type (which must not matter) and content, through {@link ImageInput#of} and the image decoder. Each input
 * gives an image or an {@link ApiException} / {@link FaceAuthException}.
 */
class MultipartImageFuzzTest {
  private static final ImageDecoder DECODER = new ImageDecoder(ImageLimits.DEFAULT);

  @FuzzTest
  void part(FuzzedDataProvider data) {
    String fileName = data.consumeString(80);
    String contentType = data.consumeString(60);
    byte[] content = data.consumeRemainingAsBytes();
    MockMultipartFile part = new MockMultipartFile("image", fileName, contentType, content);
    try {
      byte[] bytes = ImageInput.of(part, "image");
      assertThat(bytes).isEqualTo(content);
      DECODER.decode(bytes).close();
    } catch (ApiException | FaceAuthException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
