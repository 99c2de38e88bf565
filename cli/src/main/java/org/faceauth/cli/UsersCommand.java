package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.core.user.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code faceauth users}: one JSON line per enrolled user. */
@Command(name = "users", description = "List the enrolled users, one JSON object per line.")
final class UsersCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Override
  public Integer call() {
    try (StoreOptions.Session session = store.open(engine, workers)) {
      for (User user : session.system().service().users()) {
        Json.println(spec.commandLine().getOut(), Json.user(user));
      }
    }
    return FaceAuthCli.EXIT_OK;
  }
}
