package org.faceauth.server.middleware;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies larger than {@code faceauth.upload.max-request-bytes} with 413: at once when Content-Length says so,
 * and while reading when a chunked body grows past it. (Multipart files are also capped per file by Spring's multipart
 * limits; what images contain is checked by their magic bytes, never by the declared content type.)
 */
@Component
@Order(-70)
public final class BodyLimitFilter extends OncePerRequestFilter {
  /**
   * Largest request to the hosted login page ({@code /login/**}, public): ten camera frames of at most 2 MiB and the
   * multipart framing around them.
   */
  static final long LOGIN_MAX_BYTES = 21L * 1024 * 1024;

  private final long configuredMaxBytes;
  private final Problems problems;

  public BodyLimitFilter(ServerSettings settings, Problems problems) {
    this.configuredMaxBytes = settings.upload().maxRequestBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long maxBytes = request.getRequestURI().startsWith("/login/")
        ? Math.min(LOGIN_MAX_BYTES, configuredMaxBytes)
        : configuredMaxBytes;
    if (request.getContentLengthLong() > maxBytes) {
      problems.write(Problem.of(tooLarge(maxBytes)), request, response);
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public ServletInputStream getInputStream() throws IOException {
        return new Limited(super.getInputStream(), maxBytes);
      }
    }, response);
  }

  private static ApiException tooLarge(long maxBytes) {
    return new ApiException(ApiErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds " + maxBytes + " bytes.");
  }

  /** Counts the bytes read and fails past the limit. */
  private final class Limited extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Limited(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw tooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
