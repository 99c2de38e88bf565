package org.faceauth.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the store on PostgreSQL, a rate limit is one bucket for every node: two limiters on two connection pools (two
 * nodes) grant N requests a minute between them, alternately or all at once; on SQLite the buckets stay in memory.
 */
class SharedRateLimitTest {
  private static final int PER_MINUTE = 6;

  @TempDir Path folder;

  private final List<Database> databases = new ArrayList<>();
  private Backend backend;

  private RateLimiter node(BackendKind kind) {
    if (backend == null) {
      backend = kind.create(folder);
    }
    Database database = Database.open(backend.url());
    databases.add(database);
    return RateLimiter.forStore(database);
  }

  @AfterEach
  void close() {
    databases.forEach(Database::close);
    if (backend != null) {
      backend.drop();
    }
  }

  @Test
  void twoNodesOnPostgresqlGrantTheLimitBetweenThemAndThenBothRefuse() {
    RateLimiter a = node(BackendKind.POSTGRESQL);
    RateLimiter b = node(BackendKind.POSTGRESQL);
    assertThat(a).isInstanceOf(PostgresRateLimiter.class);
    for (int i = 0; i < PER_MINUTE; i++) {
      assertThat((i % 2 == 0 ? a : b).take("key:app", PER_MINUTE)).as("request " + i).isEmpty();
    }
    Optional<Long> refusedOnA = a.take("key:app", PER_MINUTE);
    Optional<Long> refusedOnB = b.take("key:app", PER_MINUTE);
    assertThat(refusedOnA).hasValueSatisfying(wait -> assertThat(wait).isBetween(1L, 60L));
    assertThat(refusedOnB).isPresent();
    assertThat(a.take("key:other", PER_MINUTE)).as("another bucket").isEmpty();
    assertThat(buckets()).isEqualTo(2);
  }

  @Test
  void concurrentRequestsOnTwoNodesNeverSpendMoreThanTheLimit() throws Exception {
    RateLimiter a = node(BackendKind.POSTGRESQL);
    RateLimiter b = node(BackendKind.POSTGRESQL);
    int requests = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> granted = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        RateLimiter node = i % 2 == 0 ? a : b;
        granted.add(pool.submit(() -> {
          start.await();
          return node.take("address:10.0.0.1", PER_MINUTE).isEmpty();
        }));
      }
      start.countDown();
      int count = 0;
      for (Future<Boolean> g : granted) {
        count += g.get() ? 1 : 0;
      }
      assertThat(count).isEqualTo(PER_MINUTE);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bucketsNoRequestTouchedForTwoMinutesAreDeleted() {
    RateLimiter first = node(BackendKind.POSTGRESQL);
    first.take("address:10.0.0.1", PER_MINUTE);
    first.take("address:10.0.0.2", PER_MINUTE);
    execute("ALTER TABLE rate_limit_buckets DISABLE TRIGGER rate_limit_buckets_touched");
    execute("UPDATE rate_limit_buckets SET touched_at = touched_at - 121000 WHERE id = 'address:10.0.0.1'");
    execute("ALTER TABLE rate_limit_buckets ENABLE TRIGGER rate_limit_buckets_touched");

    node(BackendKind.POSTGRESQL).take("address:10.0.0.3", PER_MINUTE);

    assertThat(buckets()).as("the idle bucket purged, the recent one and the new one kept").isEqualTo(2);
  }

  @Test
  void onSqliteEachNodeCountsInItsOwnMemory() {
    RateLimiter limiter = node(BackendKind.SQLITE);
    assertThat(limiter).isInstanceOf(LocalRateLimiter.class);
    for (int i = 0; i < PER_MINUTE; i++) {
      assertThat(limiter.take("key:app", PER_MINUTE)).isEmpty();
    }
    assertThat(limiter.take("key:app", PER_MINUTE)).isPresent();
  }

  private void execute(String sql) {
    databases.get(0).query(c -> {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        return statement.execute();
      }
    });
  }

  private long buckets() {
    return databases.get(0).query(c -> {
      try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM rate_limit_buckets");
          ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    });
  }
}
