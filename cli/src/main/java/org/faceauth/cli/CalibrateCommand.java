package org.faceauth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.evaluation.BatchEmbedder;
import org.faceauth.core.evaluation.FaceDataset;
import org.faceauth.core.evaluation.FaceDataset.LabelledImage;
import org.faceauth.core.evaluation.VerificationMetrics;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.pipeline.FaceEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth calibrate}: the decision threshold for a target false-accept rate, measured on a dataset folder as
 * verification works: each user's templates come from {@code raw/users} through the enrollment pipeline (quality gate
 * on); every known and unknown face is a login attempt through the verification pipeline, scored against each user by
 * its best template. Genuine attempts are known faces against their own user, impostor attempts everything else. The
 * threshold aims one binomial standard error below the target FAR ({@code --margin}), since the attempts are a sample.
 */
@Command(name = "calibrate", description = "Find the cosine threshold for a target FAR on a dataset/ folder.")
final class CalibrateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions options = new EngineOptions();

  @Mixin Workers workers = new Workers();

  @Mixin HalfOption half = new HalfOption();

  @Option(names = "--far", paramLabel = "RATE", description = "Target false-accept rate (default: 0.001).")
  double far = 1e-3;

  @Option(
      names = "--margin",
      paramLabel = "K",
      description = "Aim K binomial standard errors below the target FAR, so that sampling noise in the impostor "
          + "attempts does not put another set of people above the target (default: 1).")
  double margin = 1;

  @Parameters(paramLabel = "DATASET", description = "Folder in the dataset/ layout (raw/users, raw/test/...).")
  Path dataset;

  @Override
  public Integer call() {
    FaceDataset data;
    try {
      data = half.of(FaceDataset.read(dataset));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    try (FaceEngine engine = options.open(workers.inference())) {
      BatchEmbedder batch = new BatchEmbedder(workers.threads);
      List<Path> enrollmentImages = data.enrollment().values().stream().flatMap(List::stream).toList();
      Map<Path, Optional<Embedding>> enrolled = batch.embed(engine.enrollmentPipeline(), enrollmentImages, (p, w) -> {});
      Map<String, List<Embedding>> templates = new LinkedHashMap<>();
      data.enrollment().forEach((user, images) -> {
        List<Embedding> list = images.stream().map(enrolled::get).flatMap(Optional::stream).toList();
        if (!list.isEmpty()) {
          templates.put(user, list);
        }
      });
      List<LabelledImage> probes = new ArrayList<>(data.known());
      probes.addAll(data.unknown());
      Map<Path, Optional<Embedding>> probeEmbeddings =
          batch.embed(engine.verificationPipeline(), probes.stream().map(LabelledImage::path).toList(), (p, w) -> {});
      List<Double> genuine = new ArrayList<>();
      List<Double> impostor = new ArrayList<>();
      int notAcquired = 0;
      for (LabelledImage probe : probes) {
        Optional<Embedding> embedding = probeEmbeddings.get(probe.path());
        if (embedding.isEmpty()) {
          notAcquired++;
          continue;
        }
        for (Map.Entry<String, List<Embedding>> user : templates.entrySet()) {
          double score = Matcher.bestScore(embedding.get(), user.getValue());
          (user.getKey().equals(probe.identity()) ? genuine : impostor).add(score);
        }
      }
      double[] impostorScores = impostor.stream().mapToDouble(Double::doubleValue).toArray();
      double[] genuineScores = genuine.stream().mapToDouble(Double::doubleValue).toArray();
      double standardError = Math.sqrt(far * (1 - far) / Math.max(1, impostorScores.length));
      double aimedFar = Math.max(0, far - margin * standardError);
      double threshold = VerificationMetrics.thresholdAtFar(impostorScores, aimedFar);
      Json.println(spec.commandLine().getOut(), Json.object(
          "half", half.half.name().toLowerCase(Locale.ROOT),
          "model", options.model().id(),
          "enrollDetector", options.enrollDetector.id(),
          "verifyDetector", options.verifyDetector.id(),
          "targetFar", far,
          "aimedFar", Json.round(aimedFar, 6),
          "threshold", Json.round(threshold, 4),
          "thresholdAtTargetFar", Json.round(VerificationMetrics.thresholdAtFar(impostorScores, far), 4),
          "far", VerificationMetrics.rateAtOrAbove(impostorScores, threshold),
          "frr", Json.round(1 - VerificationMetrics.rateAtOrAbove(genuineScores, threshold), 4),
          "genuineAttempts", genuineScores.length,
          "impostorAttempts", impostorScores.length,
          "enrolledUsers", templates.size(),
          "failureToEnroll", data.enrollment().size() - templates.size(),
          "failureToAcquire", notAcquired));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
