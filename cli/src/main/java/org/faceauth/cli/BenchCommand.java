package org.faceauth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.ImageFormat;
import org.faceauth.core.liveness.LivenessCheck;
import org.faceauth.core.model.InferenceModel;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.pipeline.FaceResult;
import org.faceauth.core.pipeline.StageTimings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth bench}: per-stage latency (p50, p95) on one thread, throughput on one thread and on all cores, and
 * the share of time spent inside the model runtimes (ONNX Runtime, OpenCV DNN). Images are read into memory first,
 * and warm-up passes over them run before measuring. Each inference uses one thread; parallelism comes from
 * processing images concurrently. By default every face found also gets the passive liveness check, as a verification
 * does, so that {@code inferenceMsPerImage} is the bare model time of one verification on one core.
 */
@Command(name = "bench", description = "Benchmark the pipeline per stage on the images of a folder.")
final class BenchCommand implements Callable<Integer> {
  private static final long WARM_UP_NANOS = 3_000_000_000L;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions options = new EngineOptions();

  @Mixin Workers workers = new Workers();

  @Option(
      names = "--detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "Detector to benchmark (default: the verification detector, yunet).")
  DetectorKind detector;

  @Option(names = "--limit", paramLabel = "N", description = "At most this many images (default: 200).")
  int limit = 200;

  @Option(
      names = "--liveness",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Run the passive liveness check (the MiniFASNet pair) on each face found, as a verification does "
          + "(default: on; --no-liveness leaves it out).")
  boolean liveness = true;

  @Parameters(paramLabel = "DIR", description = "Folder of images (searched recursively).")
  Path directory;

  @Override
  public Integer call() throws Exception {
    List<byte[]> images = load();
    DetectorKind kind = detector == null ? options.verifyDetector : detector;
    try (FaceEngine engine = FaceEngine.lazy(options.config(workers.inference()))) {
      FacePipeline pipeline = engine.pipeline(kind, options.model(), false);
      Optional<LivenessCheck> check = liveness ? Optional.of(engine.liveness()) : Optional.empty();
      Function<byte[], Measured> verification = image -> measure(pipeline, check, image);
      warmUp(verification, images);
      long inferenceBefore = inferenceNanos(engine);
      List<StageTimings> timings = new ArrayList<>();
      int faces = 0;
      long start = System.nanoTime();
      for (byte[] image : images) {
        Measured measured = verification.apply(image);
        timings.add(measured.timings());
        faces += measured.faceFound() ? 1 : 0;
      }
      double oneThreadSeconds = (System.nanoTime() - start) / 1e9;
      double inferenceMs = (inferenceNanos(engine) - inferenceBefore) / 1e6 / images.size();
      double allCoresSeconds = parallelSeconds(verification, images);
      double totalMs = timings.stream().mapToLong(StageTimings::total).average().orElse(0) / 1e6;
      Json.println(spec.commandLine().getOut(), Json.object(
          "detector", kind.id(),
          "model", options.model().id(),
          "images", images.size(),
          "facesFound", faces,
          "liveness", liveness,
          "threads", workers.threads,
          "stagesMs", stages(timings),
          "imagesPerSecond", Json.object(
              "oneThread", Json.round(images.size() / oneThreadSeconds, 1),
              "allCores", Json.round(images.size() / allCoresSeconds, 1),
              "allCoresOverOneThread", Json.round(oneThreadSeconds / allCoresSeconds, 2)),
          "meanTotalMs", Json.round(totalMs, 2),
          "inferenceMsPerImage", Json.round(inferenceMs, 2),
          "totalOverInference", Json.round(totalMs / inferenceMs, 3)));
    }
    return FaceAuthCli.EXIT_OK;
  }

  /** One image's stage timings, and whether a face was found in it. */
  private record Measured(StageTimings timings, boolean faceFound) {}

  /** Decodes, runs the pipeline and, when {@code liveness} is given, checks the face found, timing each stage. */
  private static Measured measure(FacePipeline pipeline, Optional<LivenessCheck> liveness, byte[] image) {
    long start = System.nanoTime();
    try (BgrImage decoded = pipeline.decoder().decode(image)) {
      long decodeNanos = System.nanoTime() - start;
      FaceResult result = pipeline.process(decoded);
      StageTimings timings = result.timings().withDecode(decodeNanos);
      if (liveness.isPresent() && result.accepted()) {
        long livenessStart = System.nanoTime();
        liveness.get().score(decoded, result.subject().orElseThrow());
        timings = timings.withLiveness(System.nanoTime() - livenessStart);
      }
      return new Measured(timings, result.accepted());
    }
  }

  /**
   * Runs every image through the pipeline, repeating the set for at least {@link #WARM_UP_NANOS}, so that the JIT has
   * compiled the hot paths and the measured pass shows steady-state latency rather than interpreter time.
   */
  private static void warmUp(Function<byte[], Measured> verification, List<byte[]> images) {
    long start = System.nanoTime();
    do {
      for (byte[] image : images) {
        verification.apply(image);
      }
    } while (System.nanoTime() - start < WARM_UP_NANOS);
  }

  private List<byte[]> load() throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new BadInputException(directory + " is not a folder.");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile)
          .filter(ImageFormat::hasImageExtension)
          .sorted()
          .limit(limit)
          .toList();
    }
    if (files.isEmpty()) {
      throw new BadInputException("No images in " + directory + ".");
    }
    List<byte[]> images = new ArrayList<>();
    for (Path file : files) {
      images.add(Files.readAllBytes(file));
    }
    return images;
  }

  private double parallelSeconds(Function<byte[], Measured> verification, List<byte[]> images) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers.threads);
    try {
      long start = System.nanoTime();
      List<Future<Measured>> futures = new ArrayList<>();
      for (byte[] image : images) {
        futures.add(pool.submit(() -> verification.apply(image)));
      }
      for (Future<Measured> f : futures) {
        f.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long inferenceNanos(FaceEngine engine) {
    return engine.loadedModels().stream().mapToLong(InferenceModel::inferenceNanos).sum();
  }

  /**
   * p50 and p95 per stage. The landmark stage exists only for detectors that find boxes and landmarks in two steps
   * (Haar and BlazeFace, then O-Net); for the others it is left out rather than shown as 0.
   */
  private static Map<String, Object> stages(List<StageTimings> timings) {
    Map<String, Object> stages = Json.object(
        "decode", percentiles(timings, StageTimings::decode),
        "detect", percentiles(timings, StageTimings::detect));
    if (timings.stream().anyMatch(t -> t.landmarks() > 0)) {
      stages.put("landmarks", percentiles(timings, StageTimings::landmarks));
    }
    stages.put("align", percentiles(timings, StageTimings::align));
    stages.put("embed", percentiles(timings, StageTimings::embed));
    if (timings.stream().anyMatch(t -> t.liveness() > 0)) {
      stages.put("liveness", percentiles(timings, StageTimings::liveness));
    }
    stages.put("total", percentiles(timings, StageTimings::total));
    return stages;
  }

  private static Map<String, Object> percentiles(List<StageTimings> timings, ToLongFunction<StageTimings> stage) {
    long[] values = timings.stream().mapToLong(stage).sorted().toArray();
    return Json.object("p50", Json.round(at(values, 0.50) / 1e6, 2), "p95", Json.round(at(values, 0.95) / 1e6, 2));
  }

  private static double at(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
