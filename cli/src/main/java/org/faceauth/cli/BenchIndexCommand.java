package org.faceauth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.evaluation.BatchEmbedder;
import org.faceauth.core.image.ImageFormat;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.template.IndexHit;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth bench-index}: 1:N search latency over an in-memory index of N templates, and how often its best user
 * is the exact search's, printed as one JSON line per size (the index grows from one size to the next). With
 * {@code --faces}, the index holds the real embeddings of a faces-dev folder's enrollment photos (one user per folder
 * of {@code raw/users}) topped up to N with random unit vectors as distractors, and the probes are its
 * {@code known_faces} and {@code unknown_faces}. Without it, everything is random: the probes are templates plus
 * noise (a new photo of an enrolled user, cosine about 0.6 to the template). Random unit vectors as probes (near no
 * template) are reported apart: their best score is at chance level. Searches run one after another (each split
 * across cores by the index itself), after a warm-up.
 */
@Command(
    name = "bench-index",
    description = "Benchmark 1:N search over N templates: latency, agreement with exact search, memory; a line per size.")
final class BenchIndexCommand implements Callable<Integer> {
  private static final String RANDOM_MODEL = "bench@random";
  private static final int TOP_K = 5;
  private static final int CHANCE_PROBES = 100;
  private static final int EXACT_TIMED = 20;
  private static final double PROBE_NOISE = 1.3;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions options = new EngineOptions();

  @Option(
      names = "--templates",
      paramLabel = "N",
      split = ",",
      description = "Templates in the index, one report per size, e.g. 100000,1000000 (default: 100000).")
  List<Integer> templates = List.of(100_000);

  @Option(names = "--per-user", paramLabel = "K", description = "Random templates per user (default: 3).")
  int perUser = 3;

  @Option(names = "--dimensions", paramLabel = "D", description = "Embedding length without --faces (default: 512).")
  int dimensions = 512;

  @Option(names = "--searches", paramLabel = "S", description = "Timed searches per size (default: 200).")
  int searches = 200;

  @Option(
      names = "--faces",
      paramLabel = "DIR",
      description = "A faces-dev folder: real enrolled users and probes (embedded first; needs the models).")
  Path faces;

  @Override
  public Integer call() throws IOException {
    if (templates.isEmpty() || templates.stream().anyMatch(n -> n < 1) || perUser < 1 || dimensions < 1
        || searches < 1) {
      throw new BadInputException("--templates, --per-user, --dimensions and --searches must be positive.");
    }
    Random random = new Random(42);
    Map<UserId, List<Embedding>> real = new LinkedHashMap<>();
    List<Embedding> probes = new ArrayList<>();
    String modelId = RANDOM_MODEL;
    int dims = dimensions;
    if (faces != null) {
      modelId = embedFaces(real, probes);
      dims = probes.get(0).dimensions();
    }
    int realProbes = probes.size();
    List<Embedding> chance = new ArrayList<>();
    for (int i = 0; i < CHANCE_PROBES; i++) {
      chance.add(randomUnit(random, modelId, dims));
    }
    TemplateIndex index = new TemplateIndex(modelId, dims);
    long heapBefore = usedHeap();
    real.forEach(index::replace);
    int user = 0;
    for (int size : templates.stream().sorted().distinct().toList()) {
      long buildStart = System.nanoTime();
      for (; index.size() < size; user++) {
        List<Embedding> own = new ArrayList<>();
        for (int t = 0; t < perUser && index.size() + own.size() < size; t++) {
          own.add(randomUnit(random, modelId, dims));
        }
        index.replace(UserId.of("distractor" + user), own);
        if (faces == null && probes.size() < searches) {
          probes.add(nearby(own.get(0), random));
        }
      }
      double buildMs = (System.nanoTime() - buildStart) / 1e6;
      long heapBytes = usedHeap() - heapBefore;
      Json.println(
          spec.commandLine().getOut(), report(index, real.size(), probes, realProbes, chance, buildMs, heapBytes));
    }
    return FaceAuthCli.EXIT_OK;
  }

  private Map<String, Object> report(
      TemplateIndex index, int realUsers, List<Embedding> probes, int realProbes, List<Embedding> chance,
      double buildMs, long heapBytes) {
    long warmUntil = System.nanoTime() + 3_000_000_000L;
    for (int i = 0; System.nanoTime() < warmUntil; i++) {
      index.search(probes.get(i % probes.size()), TOP_K);
    }
    long[] search = new long[searches];
    for (int i = 0; i < searches; i++) {
      long start = System.nanoTime();
      index.search(probes.get(i % probes.size()), TOP_K);
      search[i] = System.nanoTime() - start;
    }
    long[] exact = new long[Math.min(searches, EXACT_TIMED)];
    for (int i = 0; i < exact.length; i++) {
      long start = System.nanoTime();
      index.searchExact(probes.get(i % probes.size()), TOP_K);
      exact[i] = System.nanoTime() - start;
    }
    int dims = probes.get(0).dimensions();
    List<IndexHit> exactBest = index.bestExact(probes);
    List<IndexHit> chanceBest = index.bestExact(chance);
    return Json.object(
        "templates", index.size(),
        "users", index.users().size(),
        "realUsers", realUsers,
        "dimensions", dims,
        "cores", Runtime.getRuntime().availableProcessors(),
        "buildMs", Json.round(buildMs, 1),
        "searchMs", latency(search),
        "exactSearchMs", latency(exact),
        "top1Agreement", agreement(index, probes, exactBest, realProbes > 0 ? "real" : "nearTemplate"),
        "chanceProbeAgreement", agreement(index, chance, chanceBest, "random"),
        "bytesPerTemplate", Json.object(
            "layout", TemplateIndex.bytesPerTemplate(dims),
            "measuredHeap", Math.round((double) heapBytes / index.size())));
  }

  /** How many probes' best user from {@link TemplateIndex#search} is the exact search's. */
  private static Map<String, Object> agreement(
      TemplateIndex index, List<Embedding> probes, List<IndexHit> exact, String kind) {
    long identical = IntStream.range(0, probes.size())
        .parallel()
        .filter(i -> index.search(probes.get(i), 1).get(0).user().equals(exact.get(i).user()))
        .count();
    return Json.object(
        "probes", probes.size(),
        "kind", kind,
        "identical", identical,
        "share", Json.round((double) identical / probes.size(), 5));
  }

  /** Embeds the enrollment photos per user and the probe photos; returns the embeddings' model id. */
  private String embedFaces(Map<UserId, List<Embedding>> users, List<Embedding> probes) throws IOException {
    Path raw = faces.resolve("raw");
    if (!Files.isDirectory(raw.resolve("users"))) {
      throw new BadInputException(faces + " is not a faces-dev folder (no raw/users).");
    }
    List<Path> enroll = images(raw.resolve("users"));
    List<Path> probePaths = new ArrayList<>(images(raw.resolve("test/known_faces")));
    probePaths.addAll(images(raw.resolve("test/unknown_faces")));
    List<Path> all = new ArrayList<>(enroll);
    all.addAll(probePaths);
    try (FaceEngine engine = FaceEngine.lazy(options.config(new Workers().inference()))) {
      Map<Path, Optional<Embedding>> embedded = new BatchEmbedder(Runtime.getRuntime().availableProcessors())
          .embed(engine.verificationPipeline(), all, (path, reason) -> { });
      for (Path path : enroll) {
        embedded.get(path).ifPresent(e -> users
            .computeIfAbsent(UserId.of(path.getParent().getFileName().toString()), u -> new ArrayList<>())
            .add(e));
      }
      for (Path path : probePaths) {
        embedded.get(path).ifPresent(probes::add);
      }
      return options.model().versionedId();
    }
  }

  private static List<Path> images(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).filter(ImageFormat::hasImageExtension).sorted().toList();
    }
  }

  private static Map<String, Object> latency(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return Json.object(
        "p50", Json.round(sorted[n / 2] / 1e6, 2),
        "p95", Json.round(sorted[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)] / 1e6, 2),
        "mean", Json.round(Arrays.stream(sorted).average().orElse(0) / 1e6, 2));
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** {@code e} plus Gaussian noise: cosine about 0.6 to {@code e} (a genuine pair's score for fr_feature). */
  private static Embedding nearby(Embedding e, Random random) {
    float[] v = e.vector().clone();
    double sigma = PROBE_NOISE / Math.sqrt(v.length);
    for (int i = 0; i < v.length; i++) {
      v[i] += (float) (random.nextGaussian() * sigma);
    }
    return Embedding.normalized(e.modelId(), v);
  }

  private static Embedding randomUnit(Random random, String modelId, int dims) {
    float[] v = new float[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Embedding.normalized(modelId, v);
  }
}
