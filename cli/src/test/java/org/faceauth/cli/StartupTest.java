package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faceauth --version} and {@code faceauth serve}'s failed starts: one short line per problem, no trace. */
class StartupTest {
  @Test
  void version_namesTheReleaseTheCommitAndEveryModel() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("faceauth 0.").contains(", commit ")
        .contains("models (bundled):")
        .contains("faceplugin/fr_feature.onnx 87aacdfe5751 bundled")
        .contains("haarcascades/haarcascade_frontalface_default.xml 0f7d4527844e bundled");
  }

  @Test
  void serve_namesEveryCorruptModelAtOnceAndExitsWithTheModelCode(@TempDir Path dir) throws IOException {
    Path overrides = dir.resolve("models");
    for (String file : new String[] {"mtcnn/pnet.onnx", "antispoof/2.7_80x80_MiniFASNetV2.onnx"}) {
      Files.createDirectories(overrides.resolve(file).getParent());
      Files.writeString(overrides.resolve(file), "not a model");
    }
    CliRun run = CliRun.of("serve", "--port", "0", "--models", overrides.toString(),
        "--data-dir", dir.resolve("data").toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_MODEL);
    assertThat(run.err().lines())
        .containsExactly(
            "faceauth: Model file mtcnn/pnet.onnx (" + overrides.resolve("mtcnn/pnet.onnx")
                + ") has the wrong sha256: corrupt or a different file (expected "
                + "46b2a12d3c48acea5d945bab1992cff1a24d5b7e130b2c688ea3ea6e4c3e9c65). Remove it to use the bundled copy.",
            "faceauth: Model file antispoof/2.7_80x80_MiniFASNetV2.onnx ("
                + overrides.resolve("antispoof/2.7_80x80_MiniFASNetV2.onnx")
                + ") has the wrong sha256: corrupt or a different file (expected "
                + "7886c41bcbcc1be00cf8700eddbd8cbd4b1ad138e69010790de2a57a3b01d7e5). Remove it to use the bundled copy.");
  }

  @Test
  void serve_saysADataDirectoryThatIsAFileIsNotADirectory(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("notadir"), "a file");
    CliRun run = CliRun.of("serve", "--port", "0", "--data-dir", file.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_STORAGE);
    assertThat(run.err().lines()).singleElement().asString().contains(file.toString(), "is not a directory");
  }

  @Test
  void serve_saysThePortIsInUseInOneLine(@TempDir Path dir) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dir.resolve("data").toString());
      assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_PORT_IN_USE);
      assertThat(run.err().lines()).containsExactly(
          "faceauth: Port " + taken.getLocalPort() + " is already in use");
    }
  }

  @Test
  void serve_failsBeforeTheServerStartsWithoutItsStartUpLog(@TempDir Path dir) throws IOException {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dir.resolve("data").toString());
      assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_PORT_IN_USE);
    } finally {
      System.setOut(console);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).as("the server's own output").isEmpty();
  }

  @Test
  void serve_saysTheDataDirectoryCannotBeUsed(@TempDir Path dir) throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the data directory should be");
    CliRun run = CliRun.of("serve", "--port", "0", "--data-dir", notADirectory.toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_STORAGE);
    assertThat(run.err().lines()).hasSize(1).first().asString().startsWith("faceauth: ").contains(notADirectory.toString());
  }
}
