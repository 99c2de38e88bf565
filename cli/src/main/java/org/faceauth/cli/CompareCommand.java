package org.faceauth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.match.MatchResult;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faceauth compare}: does the login photo B show the person enrolled from photo A? */
@Command(
    name = "compare",
    description = "Compare an enrollment photo A with a login photo B: score, threshold and decision as JSON.")
final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions options = new EngineOptions();

  @Parameters(index = "0", paramLabel = "IMAGE_A", description = "Enrollment photo.")
  Path imageA;

  @Parameters(index = "1", paramLabel = "IMAGE_B", description = "Login photo.")
  Path imageB;

  @Override
  public Integer call() {
    try (FaceEngine engine = options.open(InferenceOptions.allCores())) {
      FacePipeline enroll = engine.pipeline(options.enrollDetector, options.model(), false);
      Embedding a = embed(enroll, imageA);
      Embedding b = embed(engine.verificationPipeline(), imageB);
      MatchResult result = engine.matcher().match(b, List.of(a));
      Json.println(spec.commandLine().getOut(), Json.object(
          "score", Json.round(result.score(), 4),
          "threshold", Json.round(result.threshold(), 4),
          "match", result.match(),
          "model", options.model().id(),
          "enrollDetector", options.enrollDetector.id(),
          "verifyDetector", options.verifyDetector.id()));
    }
    return FaceAuthCli.EXIT_OK;
  }

  private static Embedding embed(FacePipeline pipeline, Path image) {
    return pipeline.process(ImageFiles.read(image)).embedding()
        .orElseThrow(() -> new BadInputException("No face found in " + image + "."));
  }
}
