package org.faceauth.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faceauth verify USER_ID IMAGE}: is this photo the enrolled user? */
@Command(name = "verify", description = "Verify (1:1) that a photo shows an enrolled user.")
final class VerifyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Parameters(index = "0", paramLabel = "USER_ID", description = "The claimed user.")
  String userId;

  @Parameters(index = "1", paramLabel = "IMAGE", description = "The login photo.")
  Path image;

  @Override
  public Integer call() {
    UserId user = UserId.of(userId);
    byte[] bytes = ImageFiles.read(image);
    try (StoreOptions.Session session = store.open(engine, workers)) {
      VerificationResult result = session.system().service().verify(user, bytes, RequestContext.cli());
      Json.println(spec.commandLine().getOut(), Json.object(
          "user", user.value(),
          "match", result.match(),
          "outcome", result.outcome().name().toLowerCase(Locale.ROOT),
          "score", result.score().map(s -> Json.round(s, 4)).orElse(null),
          "threshold", Json.round(result.threshold(), 4),
          "ms", Json.round(result.elapsedMillis(), 1)));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
