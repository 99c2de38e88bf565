package org.faceauth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on standard error (standard output stays pure JSON): for work on many items in parallel, and for a
 * phase whose items are done elsewhere.
 */
final class Progress {
  private Progress() {}

  /**
   * Applies {@code work} to every item on {@code threads} threads, showing progress.
   *
   * @return the results in the order of {@code items}
   * @throws RuntimeException the first failure of {@code work}, as thrown
   */
  static <T, R> List<R> map(PrintWriter err, String task, List<T> items, int threads, Function<T, R> work)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Steps steps = track(err, task, items.size())) {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          R result = work.apply(item);
          steps.step();
          return result;
        }));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A progress bar for work driven elsewhere: one {@link Steps#step} per item done, from any thread. */
  static Steps track(PrintWriter err, String task, long total) {
    return new Steps(err, bar(err, task, total));
  }

  /** The steps of one task shown as a bar; closing it ends the bar's line. */
  static final class Steps implements AutoCloseable {
    private final PrintWriter err;
    private final ProgressBar bar;
    private final AtomicInteger done = new AtomicInteger();

    private Steps(PrintWriter err, ProgressBar bar) {
      this.err = err;
      this.bar = bar;
    }

    /** One more item done. */
    void step() {
      bar.stepTo(done.incrementAndGet());
    }

    @Override
    public void close() {
      bar.close();
      err.println();
      err.flush();
    }
  }

  private static ProgressBar bar(PrintWriter err, String task, long total) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          err.print('\r' + line);
          err.flush();
        }, 100))
        .build();
  }
}
