package org.faceauth.server.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) by name, {@code perMinute} tokens refilled over a minute. Buckets live in memory, per node,
 * the least recently used dropped beyond {@value #MAX_BUCKETS}. Thread-safe.
 */
final class RateLimiter {
  static final int MAX_BUCKETS = 10_000;

  private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_BUCKETS;
    }
  });

  /** Takes a token from bucket {@code id}; empty when granted, else the seconds to wait. */
  Optional<Long> take(String id, int perMinute) {
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
