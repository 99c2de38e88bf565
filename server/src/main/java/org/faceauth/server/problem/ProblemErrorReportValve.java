package org.faceauth.server.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.faceauth.server.middleware.RequestIdFilter;

/**
 * Tomcat's last word on an error, in FaceAuth's format: errors that never reach Spring (a malformed request line or
 * header, a URL or header too long, an encoded slash) are answered as problem+json with a code from
 * {@link ApiErrorCode#forStatus}, a fixed sentence and a new request id, instead of Tomcat's HTML page.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    ApiErrorCode code = ApiErrorCode.forStatus(response.getStatus());
    String requestId = UUID.randomUUID().toString();
    ProblemBody body = new ProblemBody("urn:faceauth:problem:" + code.name(), ErrorStatus.title(ErrorStatus.of(code)),
        ErrorStatus.of(code).value(), code.sentence(), null, code.name(), requestId, null, null, null, null);
    try {
      byte[] bytes = JSON.writeValueAsBytes(body);
      response.setStatus(ErrorStatus.of(code).value());
      response.setContentType(Problems.PROBLEM_JSON.toString());
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.setHeader(RequestIdFilter.HEADER, requestId);
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
      response.finishResponse();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the error answer", e);
    }
  }
}
