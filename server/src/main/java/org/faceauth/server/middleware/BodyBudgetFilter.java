package org.faceauth.server.middleware;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the memory that request bodies take all together: uploads are held in memory (never spooled to disk, see
 * {@link org.faceauth.server.config.MultipartConfig}), so each request with a body reserves its declared length (the
 * largest allowed when chunked) from {@code faceauth.upload.max-bytes-in-flight} until it is answered, and gets 503
 * {@code OVERLOADED} at once when the budget is spent. Runs after the security chain: a refused request never reads
 * its body.
 */
@Component
@Order(-40)
public final class BodyBudgetFilter extends OncePerRequestFilter {
  private final long maxRequestBytes;
  private final Semaphore kibibytes;
  private final Problems problems;

  public BodyBudgetFilter(ServerSettings settings, Problems problems) {
    this.maxRequestBytes = settings.upload().maxRequestBytes();
    long budget = settings.upload().maxBytesInFlight();
    if (budget < maxRequestBytes) {
      throw new IllegalStateException("faceauth.upload.max-bytes-in-flight (" + budget
          + ") must be at least faceauth.upload.max-request-bytes (" + maxRequestBytes + ")");
    }
    this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, kib(budget)));
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      chain.doFilter(request, response);
      return;
    }
    int reserved = (int) kib(declared > 0 ? Math.min(declared, maxRequestBytes) : maxRequestBytes);
    if (!kibibytes.tryAcquire(reserved)) {
      problems.write(Problem.of(new ApiException(ApiErrorCode.OVERLOADED,
          "The server is receiving too many uploads at once; retry in a moment.", Optional.of(1L), Map.of())),
          request, response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      kibibytes.release(reserved);
    }
  }

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
