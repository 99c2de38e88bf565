package org.faceauth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.ImageVerdict;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.image.ImageFormat;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faceauth enroll-dir DIR}: bulk import. Each sub-folder of DIR is one user (folder name = user id) holding their
 * enrollment photos, as in {@code dataset/raw/users}. The folder is only read. Prints one JSON summary with every
 * refused user and image.
 */
@Command(name = "enroll-dir", description = "Enroll every user folder of DIR (DIR/<user_id>/*.jpg), with a summary.")
final class EnrollDirCommand extends EngineCommand {
  @Option(names = "--replace", description = "Replace the templates of users already enrolled.")
  boolean replace;

  @Option(names = "--allow-duplicate", description = "Enroll faces that already belong to another user.")
  boolean allowDuplicate;

  @Parameters(paramLabel = "DIR", description = "Folder of user folders.")
  Path directory;

  /** What happened to one user folder. */
  private record Outcome(String user, boolean enrolled, int templates, String refusal, List<Object> refusedImages) {}

  @Override
  int run(StoreOptions.Session session) throws Exception {
    List<Outcome> outcomes = enrollAll(session.system().service(), userFolders(directory));
    List<Object> refusedUsers = new ArrayList<>();
    List<Object> refusedImages = new ArrayList<>();
    int templates = 0;
    for (Outcome o : outcomes) {
      templates += o.templates();
      refusedImages.addAll(o.refusedImages());
      if (!o.enrolled()) {
        refusedUsers.add(Json.object("userId", o.user(), "reason", o.refusal()));
      }
    }
    Json.println(out(), Json.object(
        "users", outcomes.size(),
        "enrolled", outcomes.stream().filter(Outcome::enrolled).count(),
        "templates", templates,
        "refusedUsers", refusedUsers,
        "refusedImages", refusedImages));
    return FaceAuthCli.EXIT_OK;
  }

  private List<Outcome> enrollAll(FaceAuthService service, List<Path> folders) throws InterruptedException {
    return Progress.map(
        spec.commandLine().getErr(), "Enrolling", folders, workers.threads, folder -> enrollOne(service, folder));
  }

  private Outcome enrollOne(FaceAuthService service, Path folder) {
    String name = folder.getFileName().toString();
    if (!UserId.isValid(name)) {
      return new Outcome(name, false, 0, "INVALID_USER_ID", List.of());
    }
    List<Path> images = images(folder);
    if (images.size() > FaceAuthService.MAX_ENROLLMENT_IMAGES) {
      images = images.subList(0, FaceAuthService.MAX_ENROLLMENT_IMAGES);
    }
    List<byte[]> bytes = images.stream().map(ImageFiles::read).toList();
    try {
      EnrollmentResult result = service.enroll(
          new EnrollmentRequest(UserId.of(name), UserProfile.EMPTY, bytes, replace, allowDuplicate),
          RequestContext.cli());
      return new Outcome(name, true, result.templatesAdded(), null, refused(result.verdicts(), images));
    } catch (EnrollmentRejectedException e) {
      return new Outcome(name, false, 0, e.code().name(), refused(e.verdicts(), images));
    } catch (FaceAuthException e) {
      if (e.code().family() == ErrorCode.Family.MODEL || e.code().family() == ErrorCode.Family.STORAGE) {
        throw e;
      }
      return new Outcome(name, false, 0, e.code().name(), List.of());
    }
  }

  private static List<Object> refused(List<ImageVerdict> verdicts, List<Path> images) {
    return verdicts.stream()
        .filter(v -> !v.accepted())
        .map(v -> (Object) Json.verdict(v, images.get(v.index()).toString()))
        .toList();
  }

  private static List<Path> userFolders(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new BadInputException(directory + " is not a folder.");
    }
    try (Stream<Path> list = Files.list(directory)) {
      List<Path> folders = list.filter(Files::isDirectory).sorted().toList();
      if (folders.isEmpty()) {
        throw new BadInputException(directory + " holds no user folders (expected DIR/<user_id>/*.jpg).");
      }
      return folders;
    }
  }

  private static List<Path> images(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(Files::isRegularFile).filter(ImageFormat::hasImageExtension).sorted().toList();
    } catch (IOException e) {
      throw new BadInputException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }
}
