package org.faceauth.server.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.jdbc.Dialect;

/**
 * Token buckets (Bucket4j) by name, {@code perMinute} tokens refilled over a minute. Where the buckets live decides
 * who shares them: in this node's memory on SQLite (one node), in PostgreSQL when the store is PostgreSQL, so that
 * every node takes from the same bucket. Thread-safe.
 */
interface RateLimiter {
  /** Takes a token from bucket {@code id}; empty when granted, else the seconds to wait. */
  Optional<Long> take(String id, int perMinute);

  /** The limiter for the store's database: shared buckets in PostgreSQL, this node's memory on SQLite. */
  static RateLimiter forStore(Database database) {
    return database.dialect() == Dialect.POSTGRESQL ? new PostgresRateLimiter(database) : new LocalRateLimiter();
  }

  /** A limit of {@code perMinute} tokens that refills greedily over a minute. */
  static Bandwidth perMinute(int perMinute) {
    return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
  }

  /** What a refused probe answers: whole seconds to wait, at least one. */
  static Optional<Long> answer(ConsumptionProbe probe) {
    if (probe.isConsumed()) {
      return Optional.empty();
    }
    return Optional.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }
}
