package org.faceauth.cli;

import java.nio.file.Path;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
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

  /** A default-configured engine over this directory that loads only the models a command asks for. */
  FaceEngine lazyEngine() {
    return FaceEngine.lazy(EngineConfig.defaults(directory()));
  }
}
