package org.faceauth.cli;

import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faceauth erase USER_ID}: the right to erasure. */
@Command(name = "erase", description = "Erase a user: templates, files under dataset/, exported embeddings.")
final class EraseCommand extends StoreCommand {
  @Parameters(paramLabel = "USER_ID", description = "The user to erase.")
  String userId;

  @Override
  int run(StoreOptions.Session session) {
    UserId user = UserId.of(userId);
    boolean erased = session.system().service().erase(user, RequestContext.cli());
    Json.println(out(), Json.object("userId", user.value(), "erased", erased));
    if (!erased) {
      throw new BadInputException("No user '" + user + "' is enrolled; any files of theirs were removed.");
    }
    return FaceAuthCli.EXIT_OK;
  }
}
