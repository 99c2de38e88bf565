package org.faceauth.cli;

import java.nio.file.Path;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.user.UserId;
import org.faceauth.core.view.VerificationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faceauth verify USER_ID IMAGE}: is this photo the enrolled user? */
@Command(name = "verify", description = "Verify (1:1) that a photo shows an enrolled user.")
final class VerifyCommand extends EngineCommand {
  @Parameters(index = "0", paramLabel = "USER_ID", description = "The claimed user.")
  String userId;

  @Parameters(index = "1", paramLabel = "IMAGE", description = "The login photo.")
  Path image;

  @Override
  int run(StoreOptions.Session session) {
    UserId user = UserId.of(userId);
    VerificationResult result = session.system().service().verify(user, ImageFiles.read(image), RequestContext.cli());
    Json.println(out(), VerificationView.of(result));
    return FaceAuthCli.EXIT_OK;
  }
}
