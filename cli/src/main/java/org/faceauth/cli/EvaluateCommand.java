package org.faceauth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.evaluation.BatchEmbedder;
import org.faceauth.core.evaluation.ClaimEvaluation;
import org.faceauth.core.evaluation.ClaimEvaluation.ProbeScores;
import org.faceauth.core.evaluation.ErrorTradeoff;
import org.faceauth.core.evaluation.FaceDataset;
import org.faceauth.core.evaluation.FaceDataset.LabelledImage;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.template.IndexHit;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.FileTree;
import org.faceauth.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth evaluate DATASET}: the AI-side test. Enrolls {@code raw/users} through the real enrollment flow into
 * a temporary store (or, with {@code --use-db}, uses the users already in the configured database), then makes every
 * known and unknown face claim identities through the verification pipeline and reports FAR, FRR, failures to enroll
 * and acquire, and 1:N top-1 accuracy at the calibrated threshold, with an HTML report (ROC, DET, worst errors). The
 * dataset folder is only read.
 */
@Command(name = "evaluate", description = "FAR, FRR, FTE, FTA and 1:N accuracy on a dataset/ folder, with an HTML report.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Mixin HalfOption half = new HalfOption();

  @Option(names = "--use-db", description = "Use the users enrolled in the configured database instead of raw/users.")
  boolean useDatabase;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Folder for report.html and its images (default: evaluation-report in the current folder).")
  Path reportDirectory = Path.of("evaluation-report");

  @Parameters(paramLabel = "DATASET", description = "Folder in the dataset/ layout (raw/users, raw/test/...).")
  Path dataset;

  @Override
  public Integer call() throws Exception {
    FaceDataset data;
    try {
      data = half.of(FaceDataset.read(dataset));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    if (reportDirectory.toAbsolutePath().normalize().startsWith(dataset.toAbsolutePath().normalize())) {
      throw new BadInputException("The report folder must lie outside the dataset, which is only read.");
    }
    if (useDatabase) {
      try (StoreOptions.Session session = store.open(engine.config(workers.inference()))) {
        return evaluate(data, session.engine(), session.system().service(), session.system().service().users().size());
      }
    }
    Path scratch = Files.createTempDirectory("faceauth-evaluate");
    try (FaceEngine faceEngine = FaceEngine.lazy(engine.config(workers.inference()));
        FaceAuthSystem system = FaceAuthSystem.open(StoreSettings.embedded(scratch), faceEngine, Clock.systemUTC())) {
      enrollAll(system.service(), data);
      return evaluate(data, faceEngine, system.service(), data.enrollment().size());
    } finally {
      FileTree.delete(scratch);
    }
  }

  private int evaluate(FaceDataset data, FaceEngine faceEngine, FaceAuthService service, int datasetUsers)
      throws IOException {
    Map<UserId, Integer> enrolled = service.index().users();
    Set<String> enrolledIds = new TreeSet<>();
    enrolled.keySet().forEach(u -> enrolledIds.add(u.value()));
    List<LabelledImage> probes = new ArrayList<>(data.known());
    probes.addAll(data.unknown());
    List<Path> probePaths = probes.stream().map(LabelledImage::path).distinct().toList();
    PrintWriter err = spec.commandLine().getErr();
    Map<Path, Optional<Embedding>> embeddings;
    try (Progress.Steps steps = Progress.track(err, "Embedding probes", probePaths.size())) {
      embeddings = new BatchEmbedder(workers.threads)
          .embed(faceEngine.verificationPipeline(), probePaths, (p, why) -> {}, steps::step);
    }
    Set<LabelledImage> known = new HashSet<>(data.known());
    List<ProbeScores> scores = new ArrayList<>();
    try (Progress.Steps steps = Progress.track(err, "Scoring claims", probes.size())) {
      for (LabelledImage probe : probes) {
        Optional<Map<String, Double>> perUser = embeddings.get(probe.path()).map(e -> {
          Map<String, Double> map = new HashMap<>();
          for (IndexHit hit : service.index().search(e, Math.max(1, enrolled.size()))) {
            map.put(hit.user().value(), hit.score());
          }
          return map;
        });
        scores.add(new ProbeScores(probe, known.contains(probe), perUser));
        steps.step();
      }
    }
    ClaimEvaluation result = ClaimEvaluation.of(enrolledIds, datasetUsers, scores, service.threshold());
    ErrorTradeoff tradeoff = ErrorTradeoff.of(result.genuineScores(), result.impostorScores());
    Path report;
    try (Progress.Steps steps = Progress.track(err, "Writing report", EvaluationReport.steps(result))) {
      report = new EvaluationReport(faceEngine, data, steps::step).write(reportDirectory, result, tradeoff,
          engine.model().id(), engine.enrollDetector.id(), engine.verifyDetector.id());
    }
    Json.println(spec.commandLine().getOut(), Json.object(
        "far", Json.round(result.far(), 6),
        "frr", Json.round(result.frr(), 6),
        "failureToEnroll", result.failureToEnroll(),
        "failureToAcquire", result.failureToAcquire(),
        "identifyTop1", Json.round(result.identifyTop1(), 4),
        "threshold", Json.round(result.threshold(), 4),
        "eer", Json.round(tradeoff.equalErrorRate(), 4),
        "enrolledUsers", result.enrolledUsers(),
        "genuineClaims", result.genuineClaims(),
        "falseRejects", result.genuineRefused(),
        "impostorClaims", result.impostorClaims(),
        "falseAccepts", result.impostorAccepted(),
        "half", half.half.name().toLowerCase(Locale.ROOT),
        "model", engine.model().id(),
        "enrollDetector", engine.enrollDetector.id(),
        "verifyDetector", engine.verifyDetector.id(),
        "report", report.toString()));
    return FaceAuthCli.EXIT_OK;
  }

  private void enrollAll(FaceAuthService service, FaceDataset data) throws InterruptedException {
    Progress.map(spec.commandLine().getErr(), "Enrolling", List.copyOf(data.enrollment().entrySet()), workers.threads,
        user -> enrollOne(service, user.getKey(), user.getValue()));
  }

  private static boolean enrollOne(FaceAuthService service, String user, List<Path> images) {
    if (!UserId.isValid(user)) {
      return false;
    }
    List<byte[]> bytes = images.stream()
        .limit(FaceAuthService.MAX_ENROLLMENT_IMAGES)
        .map(ImageFiles::read)
        .toList();
    try {
      service.enroll(
          new EnrollmentRequest(UserId.of(user), UserProfile.EMPTY, bytes, true, true), RequestContext.cli());
      return true;
    } catch (EnrollmentRejectedException e) {
      return false;
    }
  }
}
