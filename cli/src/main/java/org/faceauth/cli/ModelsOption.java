package org.faceauth.cli;

import java.nio.file.Path;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.FaceEngine;
import picocli.CommandLine.Option;

/** The optional {@code --models DIR} option: a folder whose model files add to or replace the bundled ones. */
final class ModelsOption {
  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "Folder of model files that replace the bundled ones, laid out like them "
          + "(default: $FACEAUTH_MODELS_DIR; unset: the bundled models only).")
  Path models;

  ModelDirectory directory() {
    return models == null ? fromEnvironment() : ModelDirectory.withOverrides(models);
  }

  /** The bundled models, overridden by the folder {@code FACEAUTH_MODELS_DIR} names when it is set. */
  static ModelDirectory fromEnvironment() {
    Path configured = Settings.environment().modelsDir();
    return configured == null ? ModelDirectory.bundled() : ModelDirectory.withOverrides(configured);
  }

  /** The configured engine over these models, loading only the models a command asks for. */
  FaceEngine lazyEngine() {
    return FaceEngine.lazy(Settings.environment().engine().config(directory(), InferenceOptions.allCores()));
  }
}
