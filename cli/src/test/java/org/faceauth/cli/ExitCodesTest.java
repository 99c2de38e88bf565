package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes: 2 usage, 3 bad input with a clear message, 4 model missing or corrupt. */
class ExitCodesTest {

  @Test
  void anUnknownDetectorIsAUsageError() {
    CliRun run = CliRun.of("detect", "--detector", "dlib", "x.jpg");
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_USAGE);
    assertThat(run.err()).contains("unknown detector 'dlib'").contains("mtcnn, yunet, haar, blazeface");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertThat(CliRun.of("compare", "only-one.jpg").exitCode())
        .isEqualTo(FaceAuthCli.EXIT_USAGE);
  }

  @Test
  void aTextFileIsBadInputNamingTheProblem(@TempDir Path tmp) throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.jpg"), "this is not a photo");
    CliRun run = CliRun.of("detect", text.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("notes.jpg").contains("not an image");
  }

  @Test
  void aMissingFileIsBadInput() {
    CliRun run = CliRun.of("compare", "/nonexistent/a.jpg", "/nonexistent/b.jpg");
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("No such file: /nonexistent/a.jpg");
  }

  @Test
  void aPhotoWithoutFaceIsBadInputForCrop(@TempDir Path tmp) {
    CliRun run = CliRun.of("crop", TestData.raw("test/no_face/opencv_baboon.jpg").toString(),
        "-o", tmp.resolve("x.jpg").toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_BAD_INPUT);
    assertThat(run.err()).contains("No face found");
  }

  @Test
  void aCorruptModelInTheModelsFolderExitsFourNamingTheFile(@TempDir Path models) throws IOException {
    Path pnet = Files.createDirectories(models.resolve("mtcnn")).resolve("pnet.onnx");
    Files.writeString(pnet, "not a model");
    CliRun run = CliRun.of("compare", "--models", models.toString(),
        TestData.raw("users/Barack_Obama/1.jpg").toString(), TestData.raw("users/Barack_Obama/2.jpg").toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_MODEL);
    assertThat(run.err()).contains("mtcnn/pnet.onnx").contains("wrong sha256")
        .contains("46b2a12d3c48acea5d945bab1992cff1a24d5b7e130b2c688ea3ea6e4c3e9c65");
  }
}
