package org.faceauth.server.middleware;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.faceauth.store.keys.ApiKeyStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets (Bucket4j) per client address and per API key on {@code /api/} (health excepted): a request takes one token from each;
 * an empty bucket answers 429 with {@code Retry-After}. Runs before the key check, so guessing keys is slowed too.
 * Buckets live in memory, per node, the least recently used dropped beyond {@value #MAX_BUCKETS}.
 */
@Component
@Order(-60)
public final class RateLimitFilter extends OncePerRequestFilter {
  static final int MAX_BUCKETS = 10_000;

  private final int perKey;
  private final int perAddress;
  private final Problems problems;
  private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_BUCKETS;
    }
  });

  public RateLimitFilter(ServerSettings settings, Problems problems) {
    this.perKey = settings.rateLimit().perKeyPerMinute();
    this.perAddress = settings.rateLimit().perAddressPerMinute();
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/api/") || path.equals("/api/v1/health") || "OPTIONS".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Long> wait = take("address:" + request.getRemoteAddr(), perAddress);
    String key = request.getHeader(ApiKeyFilter.HEADER);
    if (wait.isEmpty() && key != null) {
      wait = take("key:" + ApiKeyStore.hash(key), perKey);
    }
    if (wait.isPresent()) {
      problems.write(Problem.of(new ApiException(ApiErrorCode.RATE_LIMITED,
          "Too many requests; retry after " + wait.get() + " s.", wait, Map.of())), request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Takes a token; empty when granted, else the seconds to wait. */
  private Optional<Long> take(String id, int perMinute) {
    Bucket bucket = buckets.computeIfAbsent(id, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Optional.empty();
    }
    return Optional.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }
}
