package org.faceauth.cli;

import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserStatus;
import org.faceauth.core.view.UserView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code faceauth users}: one JSON line per enrolled user; {@code faceauth users unlock ID} clears a lockout, {@code
 * disable ID} and {@code enable ID} stop and restore a user's authentication (all audited, as through the admin API).
 */
@Command(
    name = "users",
    description = "List the enrolled users, one JSON object per line.",
    subcommands = {UsersCommand.Unlock.class, UsersCommand.Disable.class, UsersCommand.Enable.class})
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

  /** {@code faceauth users disable USER_ID}: verification refuses the user, identification leaves them out. */
  @Command(name = "disable", description = "Disable a user: verification refuses them (USER_DISABLED), audited.")
  static final class Disable extends StoreCommand {
    @Parameters(paramLabel = "USER_ID", description = "The user id to disable.")
    String userId;

    @Override
    int run(StoreOptions.Session session) {
      return setStatus(this, session, userId, UserStatus.DISABLED);
    }
  }

  /** {@code faceauth users enable USER_ID}: a disabled user may authenticate again. */
  @Command(name = "enable", description = "Enable a disabled user again, audited.")
  static final class Enable extends StoreCommand {
    @Parameters(paramLabel = "USER_ID", description = "The user id to enable.")
    String userId;

    @Override
    int run(StoreOptions.Session session) {
      return setStatus(this, session, userId, UserStatus.ACTIVE);
    }
  }

  /** Sets the status, prints the user, or fails with USER_NOT_FOUND. */
  private static int setStatus(StoreCommand command, StoreOptions.Session session, String userId, UserStatus status) {
    UserId user = UserId.of(userId);
    if (!session.system().accountStatus().set(user, status, RequestContext.cli())) {
      throw new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + user + "' exists.");
    }
    Json.println(command.out(), UserView.of(session.system().service().user(user).orElseThrow()));
    return FaceAuthCli.EXIT_OK;
  }
}
