package org.faceauth.core.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelException;

/**
 * Finds OpenCV's {@code haarcascade_frontalface_default.xml}: the file named by {@code FACEAUTH_HAAR_CASCADE}, else
 * {@code haarcascades/} in the models directory, else Debian's {@code opencv-data} install. The cascade is never part
 * of the repository.
 */
public final class HaarCascadeLocator {
  /** Environment variable naming the cascade file. */
  public static final String ENV = "FACEAUTH_HAAR_CASCADE";

  static final String FILE_NAME = "haarcascade_frontalface_default.xml";
  private static final List<Path> SYSTEM_DIRECTORIES =
      List.of(Path.of("/usr/share/opencv4/haarcascades"), Path.of("/usr/share/opencv/haarcascades"));

  private HaarCascadeLocator() {}

  /**
   * The cascade file to use.
   *
   * @param explicit a configured path, if any (takes precedence over the environment)
   * @throws ModelException naming the places searched and how to install the file
   */
  public static Path locate(Optional<Path> explicit, ModelDirectory models) {
    List<Path> candidates = new ArrayList<>();
    explicit.ifPresent(candidates::add);
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(models.root().resolve("haarcascades").resolve(FILE_NAME));
    SYSTEM_DIRECTORIES.forEach(dir -> candidates.add(dir.resolve(FILE_NAME)));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new ModelException(
        ErrorCode.MODEL_MISSING,
        "Haar cascade "
            + FILE_NAME
            + " not found (looked in "
            + candidates
            + "). Install Debian's opencv-data package (apt-get install opencv-data) or set "
            + ENV
            + " to the file.");
  }
}
