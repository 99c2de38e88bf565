package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.faceauth.core.testing.TestData;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;

/**
 * Bodies, files and pixel counts beyond the limits are refused with 413 before any decoding; bodies beyond the memory
 * budget of all requests together with 503.
 */
@TestPropertySource(properties = {
    "spring.servlet.multipart.max-file-size=200KB", "faceauth.upload.max-request-bytes=400000",
    "faceauth.upload.max-bytes-in-flight=500000"})
class UploadLimitsTest extends ServerTest {
  @Autowired BodyBudgetFilter budget;

  @Test
  void bodiesBeyondTheInFlightBudgetAreRefusedAtOnceAndTheBudgetIsGivenBack() throws Exception {
    MockHttpServletResponse second = new MockHttpServletResponse();
    MockHttpServletResponse first = new MockHttpServletResponse();
    budget.doFilter(upload(300_000, "192.0.2.1"), first, (request, response) ->
        budget.doFilter(upload(300_000, "192.0.2.2"), second, (r, s) -> ((HttpServletResponse) s).setStatus(200)));
    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(second.getStatus()).isEqualTo(503);
    assertThat(second.getContentAsString()).contains("OVERLOADED", "too many uploads at once");
    assertThat(second.getHeader("Retry-After")).isEqualTo("1");

    MockHttpServletResponse third = new MockHttpServletResponse();
    budget.doFilter(upload(300_000, "192.0.2.2"), third, (r, s) -> ((HttpServletResponse) s).setStatus(201));
    assertThat(third.getStatus()).isEqualTo(201);
  }

  @Test
  void oneCallerHoldsAtMostOneLargestRequestsWorthSoSlowUploadsCannotStarveOthers() throws Exception {
    MockHttpServletResponse sameCaller = new MockHttpServletResponse();
    MockHttpServletResponse otherCaller = new MockHttpServletResponse();
    MockHttpServletResponse first = new MockHttpServletResponse();
    budget.doFilter(upload(250_000, "192.0.2.3"), first, (request, response) -> {
      budget.doFilter(upload(200_000, "192.0.2.3"), sameCaller, (r, s) -> ((HttpServletResponse) s).setStatus(200));
      budget.doFilter(upload(200_000, "192.0.2.4"), otherCaller, (r, s) -> ((HttpServletResponse) s).setStatus(200));
      ((HttpServletResponse) response).setStatus(200);
    });
    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(sameCaller.getStatus()).isEqualTo(503);
    assertThat(sameCaller.getContentAsString()).contains("OVERLOADED", "as much as one request may");
    assertThat(otherCaller.getStatus()).isEqualTo(200);

    MockHttpServletResponse afterwards = new MockHttpServletResponse();
    budget.doFilter(upload(200_000, "192.0.2.3"), afterwards, (r, s) -> ((HttpServletResponse) s).setStatus(201));
    assertThat(afterwards.getStatus()).as("the caller's share is given back").isEqualTo(201);
  }

  private static MockHttpServletRequest upload(int bytes, String clientAddress) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/faces/detect");
    request.setContent(new byte[bytes]);
    request.setRemoteAddr(clientAddress);
    return request;
  }

  @Test
  void aFileLargerThanTheLimitIsRefused() {
    byte[] big = new byte[300_000];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    Answer answer = api.postMultipart("/api/v1/faces/detect", appKey, List.of(Part.bytes("image", "big.jpg", big)));
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("Uploads may have at most 204800 bytes per file and 400000 bytes per request.");
  }

  @Test
  void aJsonBodyLargerThanTheLimitIsRefused() {
    Answer answer = api.postJson("/api/v1/faces/detect", appKey, Map.of("image", "A".repeat(500_000)));
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void aSmallFileDeclaringAHugeImageIsRefusedFromItsHeader() {
    Answer answer = api.postMultipart("/api/v1/faces/detect", appKey,
        List.of(Part.bytes("image", "huge.png", TestData.pngHeaderOnly(100_000, 100_000))));
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("code").asText()).isEqualTo("IMAGE_TOO_MANY_PIXELS");
  }
}
