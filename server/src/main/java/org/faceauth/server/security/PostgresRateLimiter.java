package org.faceauth.server.security;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.BucketTableSettings;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.jdbc.SQLProxyConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.faceauth.store.jdbc.Database;

/**
 * Buckets shared by every node in PostgreSQL's {@code rate_limit_buckets} table, through Bucket4j's select-for-update
 * proxy manager: each take locks the bucket's row, so two nodes never both spend the last token. Buckets no request
 * touched for longer than a refill (full again, so as good as absent) are deleted, at most once a minute per node,
 * which bounds the table by the clients of the last minutes. Thread-safe.
 */
final class PostgresRateLimiter implements RateLimiter {
  /** A bucket refills in a minute; one idle for twice that is full and can go. */
  private static final Duration IDLE = Duration.ofMinutes(2);

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final Database database;
  private final ProxyManager<String> buckets;
  private final AtomicLong nextPurge = new AtomicLong();

  PostgresRateLimiter(Database database) {
    this.database = database;
    SQLProxyConfiguration<String> configuration = SQLProxyConfiguration.builder()
        .withTableSettings(BucketTableSettings.customSettings("rate_limit_buckets", "id", "state"))
        .withPrimaryKeyMapper(PrimaryKeyMapper.STRING)
        .build(database.dataSource());
    this.buckets = new PostgreSQLSelectForUpdateBasedProxyManager<>(configuration);
  }

  @Override
  public Optional<Long> take(String id, int perMinute) {
    purgeIdle();
    return RateLimiter.answer(
        buckets.builder()
            .build(id, () -> BucketConfiguration.builder().addLimit(RateLimiter.perMinute(perMinute)).build()).tryConsumeAndReturnRemaining(1));
  }

  private void purgeIdle() {
    long now = System.currentTimeMillis();
    long due = nextPurge.get();
    if (now < due || !nextPurge.compareAndSet(due, now + PURGE_EVERY.toMillis())) {
      return;
    }
    database.query(c -> {
      try (PreparedStatement purge = c.prepareStatement("DELETE FROM rate_limit_buckets WHERE touched_at < ?")) {
        purge.setLong(1, now - IDLE.toMillis());
        return purge.executeUpdate();
      }
    });
  }
}
