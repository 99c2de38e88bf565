package org.faceauth.cli;

import java.nio.file.Path;
import org.faceauth.core.flow.IdentificationResult;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.view.IdentificationView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faceauth identify IMAGE}: who is this, among the enrolled users? */
@Command(name = "identify", description = "Identify (1:N) the person in a photo among the enrolled users.")
final class IdentifyCommand extends EngineCommand {
  @Option(names = "--top", paramLabel = "K", description = "Most candidates to list, 1 to 100 (default: 3).")
  int top = 3;

  @Parameters(paramLabel = "IMAGE", description = "The photo.")
  Path image;

  @Override
  int run(StoreOptions.Session session) {
    IdentificationResult result =
        session.system().service().identify(ImageFiles.read(image), top, RequestContext.cli());
    Json.println(out(), IdentificationView.of(result));
    return FaceAuthCli.EXIT_OK;
  }
}
