package org.faceauth.server.security;

import io.github.bucket4j.Bucket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Buckets in this node's memory (one node, SQLite), the least recently used dropped beyond {@value #MAX_BUCKETS}.
 * Thread-safe.
 */
final class LocalRateLimiter implements RateLimiter {
  static final int MAX_BUCKETS = 10_000;

  private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_BUCKETS;
    }
  });

  @Override
  public Optional<Long> take(String id, int perMinute) {
    Bucket bucket = buckets.computeIfAbsent(id, k -> Bucket.builder().addLimit(RateLimiter.perMinute(perMinute)).build());
    return RateLimiter.answer(bucket.tryConsumeAndReturnRemaining(1));
  }
}
