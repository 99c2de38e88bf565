package org.faceauth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.view.EnrollmentView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faceauth enroll USER_ID IMAGE...}: enroll a person from 1 to 10 photos. */
@Command(name = "enroll", description = "Enroll a person from 1 to 10 photos (each checked by the quality gate).")
final class EnrollCommand extends EngineCommand {
  @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
  String name;

  @Option(names = "--email", paramLabel = "EMAIL", description = "Contact email.")
  String email;

  @Option(names = "--consent", description = "Record that the person consented now.")
  boolean consent;

  @Option(names = "--replace", description = "Replace the user's templates instead of adding to them.")
  boolean replace;

  @Option(names = "--allow-duplicate", description = "Enroll even if the face already belongs to another user.")
  boolean allowDuplicate;

  @Parameters(index = "0", paramLabel = "USER_ID", description = "The person's id: [A-Za-z0-9._-]{1,64}.")
  String userId;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Enrollment photos.")
  List<Path> images;

  @Override
  int run(StoreOptions.Session session) {
    UserId user = UserId.of(userId);
    List<byte[]> bytes = images.stream().map(ImageFiles::read).toList();
    UserProfile profile = new UserProfile(
        Optional.ofNullable(name), Optional.ofNullable(email), consent ? Optional.of(session.system().clock().instant()) : Optional.empty());
    try {
      EnrollmentResult result = session.system().service().enroll(
          new EnrollmentRequest(user, profile, bytes, replace, allowDuplicate), RequestContext.cli());
      Json.println(out(), EnrollmentView.of(result));
      return FaceAuthCli.EXIT_OK;
    } catch (EnrollmentRejectedException e) {
      Json.println(out(), EnrollmentView.refused(user, e.verdicts()));
      throw e;
    }
  }

}
