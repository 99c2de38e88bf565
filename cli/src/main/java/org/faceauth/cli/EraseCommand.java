package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faceauth erase USER_ID}: the right to erasure. */
@Command(name = "erase", description = "Erase a user: templates, files under dataset/, exported embeddings.")
final class EraseCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Parameters(paramLabel = "USER_ID", description = "The user to erase.")
  String userId;

  @Override
  public Integer call() {
    UserId user = UserId.of(userId);
    try (StoreOptions.Session session = store.open(engine, workers)) {
      boolean erased = session.system().service().erase(user, RequestContext.cli());
      Json.println(spec.commandLine().getOut(), Json.object("user", user.value(), "erased", erased));
      if (!erased) {
        throw new BadInputException("No user '" + user + "' is enrolled; any files of theirs were removed.");
      }
    }
    return FaceAuthCli.EXIT_OK;
  }
}
