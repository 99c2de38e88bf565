package org.faceauth.server.protection;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.springframework.stereotype.Component;

/**
 * Backpressure for the face pipeline: at most {@code concurrency} requests run inference at once and at most
 * {@code queue} more wait; a request beyond that is answered 503 with {@code Retry-After} at once instead of piling up
 * threads and memory.
 */
@Component
public final class InferenceLimiter {
  private final Semaphore admitted;
  private final Semaphore running;

  public InferenceLimiter(ServerSettings settings) {
    int concurrency = settings.inference().effectiveConcurrency();
    this.running = new Semaphore(concurrency, true);
    this.admitted = new Semaphore(concurrency + Math.max(0, settings.inference().queue()));
  }

  /**
   * Runs {@code work} when a slot is free.
   *
   * @throws ApiException {@link ApiErrorCode#OVERLOADED} when every slot and every waiting place is taken
   */
  public <T> T run(Supplier<T> work) {
    if (!admitted.tryAcquire()) {
      throw new ApiException(ApiErrorCode.OVERLOADED, "The server is busy with other faces; retry in a second.",
          Optional.of(1L));
    }
    try {
      running.acquireUninterruptibly();
      try {
        return work.get();
      } finally {
        running.release();
      }
    } finally {
      admitted.release();
    }
  }
}
