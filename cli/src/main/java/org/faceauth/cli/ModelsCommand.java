package org.faceauth.cli;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.RequiredModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth models}: every catalogued model file with its status, where it is taken from and whether the
 * default configuration (liveness required) needs it; exits 4 while a needed file is missing or corrupt.
 */
@Command(
    name = "models",
    description = "List every model file with its status (verified, missing, wrong_checksum), where it is taken from "
        + "(bundled or the --models folder) and whether the default configuration needs it; exit code 4 while a "
        + "needed file is missing or corrupt.")
final class ModelsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Override
  public Integer call() {
    ModelDirectory directory = models.directory();
    Set<ModelFile> required = RequiredModels.of(EngineConfig.defaults(directory), true);
    for (ModelFile file : ModelFile.values()) {
      Json.println(spec.commandLine().getOut(), Json.object(
          "model", file.relativePath(),
          "status", directory.status(file).name().toLowerCase(Locale.ROOT),
          "required", required.contains(file),
          "location", directory.location(file),
          "sha256", file.sha256(),
          "source", file.origin()));
    }
    directory.requireAll(required);
    return FaceAuthCli.EXIT_OK;
  }
}
