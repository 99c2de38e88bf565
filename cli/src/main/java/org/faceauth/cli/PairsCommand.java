package org.faceauth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.evaluation.BatchEmbedder;
import org.faceauth.core.evaluation.ScoredPair;
import org.faceauth.core.evaluation.VerificationMetrics;
import org.faceauth.core.pipeline.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth pairs}: verification accuracy on a pairs list (LFW protocol). Image A of each pair goes through the
 * enrollment detector, image B through the verification detector.
 */
@Command(
    name = "pairs",
    description = "Accuracy on a CSV of img_a,img_b,same pairs (LFW 10-fold protocol), as one JSON summary.")
final class PairsCommand implements Callable<Integer> {
  private static final double FAR = 1e-3;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions options = new EngineOptions();

  @Mixin Workers workers = new Workers();

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Write per-pair scores here.")
  Path out;

  @Parameters(paramLabel = "PAIRS.csv", description = "CSV with header img_a,img_b,same; paths relative to it.")
  Path pairsFile;

  record Pair(Path a, Path b, boolean same) {}

  @Override
  public Integer call() throws IOException {
    List<Pair> pairs = readPairs(pairsFile);
    PrintWriter err = spec.commandLine().getErr();
    BiConsumer<Path, String> reportMiss =
        (path, why) -> err.println("faceauth: no face acquired in " + path + " (" + why + ")");
    try (FaceEngine engine = options.open(workers.inference())) {
      BatchEmbedder batch = new BatchEmbedder(workers.threads);
      Map<Path, Optional<Embedding>> enrolled = batch.embed(
          engine.pipeline(options.enrollDetector, options.model(), false), pairs.stream().map(Pair::a).toList(),
          reportMiss);
      Map<Path, Optional<Embedding>> probes = batch.embed(
          engine.verificationPipeline(), pairs.stream().map(Pair::b).toList(), reportMiss);
      List<ScoredPair> scored = new ArrayList<>();
      int failures = 0;
      for (Pair pair : pairs) {
        Optional<Embedding> a = enrolled.get(pair.a());
        Optional<Embedding> b = probes.get(pair.b());
        if (a.isPresent() && b.isPresent()) {
          scored.add(new ScoredPair(a.get().cosine(b.get()), pair.same()));
        } else {
          failures++;
          scored.add(new ScoredPair(ScoredPair.NOT_ACQUIRED, pair.same()));
        }
      }
      double threshold = engine.threshold();
      if (out != null) {
        writeScores(pairs, scored, threshold);
      }
      Json.println(spec.commandLine().getOut(), Json.object(
          "pairs", pairs.size(),
          "accuracy", Json.round(VerificationMetrics.tenFoldAccuracy(scored), 4),
          "threshold", Json.round(threshold, 4),
          "accuracyAtThreshold", Json.round(VerificationMetrics.accuracy(scored, threshold), 4),
          "tarAtFar1e3", Json.round(VerificationMetrics.tarAtFar(scored, FAR), 4),
          "eer", Json.round(VerificationMetrics.equalErrorRate(scored), 4),
          "failuresToAcquire", failures,
          "model", options.model().id(),
          "enrollDetector", options.enrollDetector.id(),
          "verifyDetector", options.verifyDetector.id()));
    }
    return FaceAuthCli.EXIT_OK;
  }

  static List<Pair> readPairs(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException("Cannot read " + csv + ": " + e.getMessage(), e);
    }
    Path base = csv.toAbsolutePath().getParent();
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.toLowerCase().startsWith("img_a"))) {
        continue;
      }
      String[] fields = line.split(",");
      if (fields.length != 3 || !(fields[2].strip().equals("0") || fields[2].strip().equals("1"))) {
        throw new BadInputException(csv + " line " + (i + 1) + ": expected img_a,img_b,same (same is 0 or 1), got '"
            + line + "'");
      }
      pairs.add(new Pair(base.resolve(fields[0].strip()).normalize(), base.resolve(fields[1].strip()).normalize(),
          fields[2].strip().equals("1")));
    }
    if (pairs.size() < 10) {
      throw new BadInputException(csv + " has " + pairs.size() + " pairs; the 10-fold protocol needs at least 10.");
    }
    return pairs;
  }

  private void writeScores(List<Pair> pairs, List<ScoredPair> scored, double threshold) throws IOException {
    List<String> rows = new ArrayList<>();
    rows.add("img_a,img_b,same,score,match");
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      double score = scored.get(i).score();
      rows.add(String.join(",", p.a().toString(), p.b().toString(), p.same() ? "1" : "0",
          score == ScoredPair.NOT_ACQUIRED ? "" : String.format(java.util.Locale.ROOT, "%.5f", score),
          score >= threshold ? "1" : "0"));
    }
    Files.write(out, rows, StandardCharsets.UTF_8);
  }
}
