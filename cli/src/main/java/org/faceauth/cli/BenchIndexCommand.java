package org.faceauth.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth bench-index}: latency of one exact 1:N search over an in-memory index of random unit vectors, on
 * one thread, after a warm-up.
 */
@Command(name = "bench-index", description = "Benchmark 1:N search over N random templates on one thread.")
final class BenchIndexCommand implements Callable<Integer> {
  private static final String MODEL = "bench@random";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--templates", paramLabel = "N", description = "Templates in the index (default: 100000).")
  int templates = 100_000;

  @Option(names = "--per-user", paramLabel = "K", description = "Templates per user (default: 3).")
  int perUser = 3;

  @Option(names = "--dimensions", paramLabel = "D", description = "Embedding length (default: 512, fr_feature).")
  int dimensions = 512;

  @Option(names = "--searches", paramLabel = "S", description = "Measured searches (default: 200).")
  int searches = 200;

  @Override
  public Integer call() {
    if (templates < 1 || perUser < 1 || dimensions < 1 || searches < 1) {
      throw new BadInputException("--templates, --per-user, --dimensions and --searches must be positive.");
    }
    Random random = new Random(42);
    TemplateIndex index = new TemplateIndex(MODEL, dimensions);
    long buildStart = System.nanoTime();
    for (int user = 0; user * perUser < templates; user++) {
      List<Embedding> own = new ArrayList<>();
      for (int t = 0; t < perUser && user * perUser + t < templates; t++) {
        own.add(randomUnit(random));
      }
      index.replace(UserId.of("u" + user), own);
    }
    double buildMs = (System.nanoTime() - buildStart) / 1e6;
    List<Embedding> probes = new ArrayList<>();
    for (int i = 0; i < searches; i++) {
      probes.add(randomUnit(random));
    }
    long warmUntil = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      index.search(probes.get(random.nextInt(searches)), 5);
    }
    long[] nanos = new long[searches];
    for (int i = 0; i < searches; i++) {
      long start = System.nanoTime();
      index.search(probes.get(i), 5);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    Json.println(spec.commandLine().getOut(), Json.object(
        "templates", index.size(),
        "users", index.users().size(),
        "dimensions", dimensions,
        "buildMs", Json.round(buildMs, 1),
        "searchMs", Json.object(
            "p50", Json.round(nanos[searches / 2] / 1e6, 2),
            "p95", Json.round(nanos[Math.min(searches - 1, (int) Math.ceil(searches * 0.95) - 1)] / 1e6, 2),
            "mean", Json.round(Arrays.stream(nanos).average().orElse(0) / 1e6, 2)),
        "threads", 1));
    return FaceAuthCli.EXIT_OK;
  }

  private Embedding randomUnit(Random random) {
    float[] v = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Embedding.normalized(MODEL, v);
  }
}
