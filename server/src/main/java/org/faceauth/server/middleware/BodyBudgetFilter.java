package org.faceauth.server.middleware;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.faceauth.server.security.ApiKeys;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the memory that request bodies take all together: uploads are held in memory (never spooled to disk, see
 * {@link org.faceauth.server.config.MultipartConfig}), so each request with a body reserves its declared length (the
 * largest allowed when chunked) from {@code faceauth.upload.max-bytes-in-flight} until it is answered, and gets 503
 * {@code OVERLOADED} at once when the budget is spent. One API key may hold at most one largest request's worth
 * ({@code max-request-bytes}) at a time, so a few slow uploads from one key cannot take the budget from every other
 * caller. Runs after the security chain: a refused request never reads its body.
 */
@Component
@Order(-40)
public final class BodyBudgetFilter extends OncePerRequestFilter {
  private final long maxRequestBytes;
  private final Semaphore kibibytes;
  private final Map<String, Long> heldPerKey = new ConcurrentHashMap<>();
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
    String holder = ApiKeys.keyId(request).orElse("address:" + request.getRemoteAddr());
    if (!holdForKey(holder, reserved)) {
      refuse("This key is already sending as much as one request may; wait until its uploads finish.", request,
          response);
      return;
    }
    if (!kibibytes.tryAcquire(reserved)) {
      heldPerKey.computeIfPresent(holder, (k, held) -> held == reserved ? null : held - reserved);
      refuse("The server is receiving too many uploads at once; retry in a moment.", request, response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      kibibytes.release(reserved);
      heldPerKey.computeIfPresent(holder, (k, held) -> held == reserved ? null : held - reserved);
    }
  }

  /** Adds {@code kib} to what {@code holder} holds, unless that would pass one largest request's worth. */
  private boolean holdForKey(String holder, int kib) {
    long limit = kib(maxRequestBytes);
    boolean[] granted = {false};
    heldPerKey.compute(holder, (k, held) -> {
      long now = held == null ? 0 : held;
      if (now + kib > limit) {
        return held;
      }
      granted[0] = true;
      return now + kib;
    });
    return granted[0];
  }

  private void refuse(String sentence, HttpServletRequest request, HttpServletResponse response) throws IOException {
    problems.write(Problem.of(new ApiException(ApiErrorCode.OVERLOADED, sentence, Optional.of(1L))),
        request, response);
  }

  private static long kib(long bytes) {
    return (bytes + 1023) / 1024;
  }
}
