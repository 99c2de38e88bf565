package org.faceauth.cli;

import org.faceauth.core.user.User;
import picocli.CommandLine.Command;

/** {@code faceauth users}: one JSON line per enrolled user. */
@Command(name = "users", description = "List the enrolled users, one JSON object per line.")
final class UsersCommand extends StoreCommand {
  @Override
  int run(StoreOptions.Session session) {
    for (User user : session.system().service().users()) {
      Json.println(out(), Json.user(user));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
