package org.faceauth.core.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.pipeline.FaceResult;

/**
 * Runs a pipeline over many image files on a fixed number of threads, for evaluation and calibration. An image that
 * cannot be decoded or shows no acceptable face maps to an empty result, and is reported to the listener.
 */
public final class BatchEmbedder {
  private final int threads;

  public BatchEmbedder(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
  }

  /**
   * Processes every distinct path.
   *
   * @param onFailure called with the path and a reason for each image that produced no embedding
   * @return the embedding per path, in the order given
   */
  public Map<Path, Optional<Embedding>> embed(
      FacePipeline pipeline, Collection<Path> paths, BiConsumer<Path, String> onFailure) {
    return embed(pipeline, paths, onFailure, () -> {});
  }

  /**
   * Processes every distinct path, telling {@code onEachDone} as each image is finished (from the worker threads).
   *
   * @param onFailure called with the path and a reason for each image that produced no embedding
   * @return the embedding per path, in the order given
   */
  public Map<Path, Optional<Embedding>> embed(
      FacePipeline pipeline, Collection<Path> paths, BiConsumer<Path, String> onFailure, Runnable onEachDone) {
    List<Path> distinct = paths.stream().distinct().toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Optional<Embedding>>> futures = new ArrayList<>();
      for (Path path : distinct) {
        futures.add(pool.submit(() -> {
          Optional<Embedding> embedding = embedOne(pipeline, path, onFailure);
          onEachDone.run();
          return embedding;
        }));
      }
      Map<Path, Optional<Embedding>> results = new LinkedHashMap<>();
      for (int i = 0; i < distinct.size(); i++) {
        results.put(distinct.get(i), futures.get(i).get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<Embedding> embedOne(FacePipeline pipeline, Path path, BiConsumer<Path, String> onFailure) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    try {
      FaceResult result = pipeline.process(bytes);
      if (result.embedding().isEmpty()) {
        String reason = result.quality()
            .filter(q -> !q.acceptable())
            .map(q -> q.issues().toString())
            .orElse(result.outcome().name());
        onFailure.accept(path, reason);
      }
      return result.embedding();
    } catch (FaceAuthException e) {
      if (e.code().family() == ErrorCode.Family.MODEL) {
        throw e;
      }
      onFailure.accept(path, e.code() + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
