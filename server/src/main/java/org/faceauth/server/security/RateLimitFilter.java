package org.faceauth.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One rate limit in the security chain: takes a token from the bucket of whatever {@code subject} names for the
 * request (the client address before authentication, the key id after it) and answers 429 {@code RATE_LIMITED} with
 * {@code Retry-After} when it is empty. A request without a subject passes.
 */
final class RateLimitFilter extends OncePerRequestFilter {
  private final String kind;
  private final Function<HttpServletRequest, Optional<String>> subject;
  private final int perMinute;
  private final RateLimiter limiter;
  private final Problems problems;

  RateLimitFilter(String kind, Function<HttpServletRequest, Optional<String>> subject, int perMinute,
      RateLimiter limiter, Problems problems) {
    this.kind = kind;
    this.subject = subject;
    this.perMinute = perMinute;
    this.limiter = limiter;
    this.problems = problems;
  }

  /** Each limit is its own filter, though they share a class. */
  @Override
  protected String getAlreadyFilteredAttributeName() {
    return RateLimitFilter.class.getName() + "." + kind + ALREADY_FILTERED_SUFFIX;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Long> wait = subject.apply(request).flatMap(s -> limiter.take(kind + ":" + s, perMinute));
    if (wait.isPresent()) {
      problems.write(Problem.of(new ApiException(ApiErrorCode.RATE_LIMITED,
          "Too many requests; retry after " + wait.get() + " s.", wait)), request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
