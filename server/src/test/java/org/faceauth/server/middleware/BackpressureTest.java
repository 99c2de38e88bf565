package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.faceauth.server.protection.InferenceLimiter;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With one inference slot and no waiting room, a request that arrives while the slot is taken gets 503 +
 * Retry-After at once; once the slot is free, the same request is served. The slot is held by the test itself (a
 * latch), so the overlap does not depend on timing.
 */
@TestPropertySource(properties = {"faceauth.inference.concurrency=1", "faceauth.inference.queue=0"})
class BackpressureTest extends ServerTest {
  @Autowired InferenceLimiter limiter;

  @Test
  void aRequestBeyondTheBoundIsTurnedAwayNotQueued() throws Exception {
    Part image = Part.file("image", photo("test/group/fr_obama_and_biden.jpg"));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Object> holder = pool.submit(() -> limiter.run(() -> {
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException("interrupted while holding the slot", e);
        }
        return null;
      }));
      assertThat(holding.await(60, TimeUnit.SECONDS)).as("the test holds the only slot").isTrue();

      // Bounded only so that a server that queues instead of refusing fails here rather than hanging the build.
      Answer overloaded = pool.submit(() -> api.postMultipart("/api/v1/faces/detect", appKey, List.of(image)))
          .get(60, TimeUnit.SECONDS);
      assertThat(overloaded.status()).isEqualTo(503);
      assertThat(overloaded.json().get("code").asText()).isEqualTo("OVERLOADED");
      assertThat(overloaded.header("Retry-After")).isEqualTo("1");

      release.countDown();
      holder.get();
      assertThat(api.postMultipart("/api/v1/faces/detect", appKey, List.of(image)).status()).isEqualTo(200);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
