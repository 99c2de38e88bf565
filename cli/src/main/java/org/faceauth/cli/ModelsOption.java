package org.faceauth.cli;

import java.nio.file.Path;
import org.faceauth.core.model.ModelDirectory;
import picocli.CommandLine.Option;

/** The {@code --models DIR} option: where model files are. */
final class ModelsOption {
  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "Models directory (default: $FACEAUTH_MODELS_DIR, else ./models).")
  Path models;

  ModelDirectory directory() {
    return models == null ? ModelDirectory.fromEnvironment() : new ModelDirectory(models);
  }
}
