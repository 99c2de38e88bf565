package org.faceauth.cli;

import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.view.UserView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faceauth users}: one JSON line per enrolled user; {@code faceauth users unlock ID} clears a lockout. */
@Command(
    name = "users",
    description = "List the enrolled users, one JSON object per line.",
    subcommands = UsersCommand.Unlock.class)
final class UsersCommand extends StoreCommand {
  @Override
  int run(StoreOptions.Session session) {
    for (User user : session.system().service().users()) {
      Json.println(out(), UserView.of(user));
    }
    return FaceAuthCli.EXIT_OK;
  }

  /** {@code faceauth users unlock USER_ID}: forgets the failed verifications and any lock of a user id, audited. */
  @Command(name = "unlock", description = "Clear the verification lockout of a user id (audited).")
  static final class Unlock extends StoreCommand {
    @Parameters(paramLabel = "USER_ID", description = "The user id to unlock.")
    String userId;

    @Override
    int run(StoreOptions.Session session) {
      UserId user = UserId.of(userId);
      boolean cleared = session.system().service().unlock(user, RequestContext.cli());
      Json.println(out(), Json.object("userId", user.value(), "cleared", cleared));
      return FaceAuthCli.EXIT_OK;
    }
  }
}
