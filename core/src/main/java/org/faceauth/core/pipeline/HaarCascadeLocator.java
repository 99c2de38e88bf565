package org.faceauth.core.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelException;
import org.faceauth.core.model.ModelFile;

/**
 * Finds OpenCV's {@code haarcascade_frontalface_default.xml}: a configured file, else the file named by
 * {@code FACEAUTH_HAAR_CASCADE}, else the verified copy from the models (override folder or bundled set).
 */
public final class HaarCascadeLocator {
  /** Environment variable naming the cascade file. */
  public static final String ENV = "FACEAUTH_HAAR_CASCADE";

  private HaarCascadeLocator() {}

  /**
   * The cascade file to use.
   *
   * @param explicit a configured path, if any (takes precedence over the environment)
   * @throws ModelException if a configured file does not exist, or as {@link ModelDirectory#require}
   */
  public static Path locate(Optional<Path> explicit, ModelDirectory models) {
    Optional<Path> configured = explicit.or(
        () -> Optional.ofNullable(System.getenv(ENV)).filter(value -> !value.isBlank()).map(Path::of));
    if (configured.isPresent()) {
      if (!Files.isRegularFile(configured.get())) {
        throw new ModelException(ErrorCode.MODEL_MISSING,
            "Haar cascade " + configured.get() + " (configured, e.g. by " + ENV + ") does not exist.");
      }
      return configured.get();
    }
    return models.require(ModelFile.HAAR_FRONTALFACE);
  }
}
