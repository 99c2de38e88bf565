package org.faceauth.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.faceauth.core.flow.IdentificationResult;
import org.faceauth.core.flow.RequestContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faceauth identify IMAGE}: who is this, among the enrolled users? */
@Command(name = "identify", description = "Identify (1:N) the person in a photo among the enrolled users.")
final class IdentifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Option(names = "--top", paramLabel = "K", description = "Most candidates to list (default: 3).")
  int top = 3;

  @Parameters(paramLabel = "IMAGE", description = "The photo.")
  Path image;

  @Override
  public Integer call() {
    byte[] bytes = ImageFiles.read(image);
    try (StoreOptions.Session session = store.open(engine, workers)) {
      IdentificationResult result = session.system().service().identify(bytes, top, RequestContext.cli());
      Json.println(spec.commandLine().getOut(), Json.object(
          "faceFound", result.faceFound(),
          "user", result.candidates().isEmpty() ? "unknown" : result.candidates().get(0).user().value(),
          "candidates", result.candidates().stream()
              .map(h -> Json.object("user", h.user().value(), "score", Json.round(h.score(), 4)))
              .toList(),
          "threshold", Json.round(result.threshold(), 4),
          "ms", Json.round(result.elapsedMillis(), 1)));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
