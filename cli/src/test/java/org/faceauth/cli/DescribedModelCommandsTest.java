package org.faceauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.testing.DescribedMobileFaceNet;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedder described in the models folder works through the commands by its name: calibrate measures its
 * threshold, enroll and verify use it, and a file that does not match its descriptor stops a command in one line.
 */
class DescribedModelCommandsTest {
  private static final String NAME = DescribedMobileFaceNet.NAME;
  private static final List<String> PEOPLE = List.of("Angelina_Jolie", "Ann_Veneman", "Barack_Obama", "Bill_Frist");

  private static Path models(Path folder, String sha256, String extra) throws IOException {
    return DescribedMobileFaceNet.write(Files.createDirectories(folder.resolve("models")),
        DescribedMobileFaceNet.descriptor(sha256) + extra + "\n");
  }

  /** Four faces-dev people (their enrollment photos and other photos of them) and three strangers, as links. */
  private static Path smallDataset(Path folder) throws IOException {
    Path root = folder.resolve("dataset");
    Path known = Files.createDirectories(root.resolve("raw/test/known_faces"));
    Path unknown = Files.createDirectories(root.resolve("raw/test/unknown_faces"));
    for (String person : PEOPLE) {
      Files.createDirectories(root.resolve("raw/users"));
      Files.createSymbolicLink(root.resolve("raw/users/" + person), TestData.raw("users/" + person));
      for (int n = 1; n <= 2; n++) {
        String photo = person + "_" + n + ".jpg";
        Files.createSymbolicLink(known.resolve(photo), TestData.raw("test/known_faces/" + photo));
      }
    }
    for (String stranger : List.of("Abdel_Madi_Shabneh_0001.jpg", "Abdul_Rahman_0001.jpg", "Afton_Smith_0001.jpg")) {
      Files.createSymbolicLink(unknown.resolve(stranger), TestData.raw("test/unknown_faces/" + stranger));
    }
    return root;
  }

  @Test
  void calibrateMeasuresTheThresholdOfADescribedEmbedder(@TempDir Path dir) throws IOException {
    Path models = models(dir, ModelFile.MOBILEFACENET.sha256(), "");
    CliRun run = CliRun.of("calibrate", "--models", models.toString(), "--model", NAME, "--far", "0.1",
        smallDataset(dir).toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = run.json().get(0);
    assertThat(result.get("model").asText()).isEqualTo(NAME);
    assertThat(result.get("enrolledUsers").asInt()).isEqualTo(PEOPLE.size());
    assertThat(result.get("genuineAttempts").asInt()).isEqualTo(2 * PEOPLE.size());
    assertThat(result.get("threshold").asDouble()).isBetween(0.0, 1.0);
    assertThat(result.get("frr").asDouble()).as("the same person still matches").isLessThan(0.5);
  }

  @Test
  void enrollAndVerifyUseADescribedEmbedderByName(@TempDir Path dir) throws IOException {
    Path models = models(dir, ModelFile.MOBILEFACENET.sha256(), "threshold=0.3666");
    String data = dir.resolve("data").toString();
    CliRun enrolled = CliRun.of("enroll", "--models", models.toString(), "--model", NAME, "--data-dir", data,
        "Bill_Frist", TestData.raw("users/Bill_Frist/1.jpg").toString(),
        TestData.raw("users/Bill_Frist/2.jpg").toString());
    assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();

    CliRun genuine = CliRun.of("verify", "--models", models.toString(), "--model", NAME, "--data-dir", data,
        "Bill_Frist", TestData.raw("test/known_faces/Bill_Frist_1.jpg").toString());
    CliRun impostor = CliRun.of("verify", "--models", models.toString(), "--model", NAME, "--data-dir", data,
        "Bill_Frist", TestData.raw("test/known_faces/Ann_Veneman_1.jpg").toString());

    assertThat(genuine.exitCode()).as(genuine.err()).isZero();
    assertThat(genuine.json().get(0).get("match").asBoolean()).isTrue();
    assertThat(genuine.json().get(0).get("threshold").asDouble()).isEqualTo(0.3666);
    assertThat(impostor.json().get(0).get("match").asBoolean()).isFalse();
  }

  @Test
  void aWrongSha256StopsTheCommandWithOneLineAndTheModelExitCode(@TempDir Path dir) throws IOException {
    Path models = models(dir, "f".repeat(64), "");
    CliRun run = CliRun.of("compare", "--models", models.toString(), "--model", NAME,
        TestData.raw("users/Bill_Frist/1.jpg").toString(), TestData.raw("test/known_faces/Bill_Frist_1.jpg").toString());
    assertThat(run.exitCode()).isEqualTo(FaceAuthCli.EXIT_MODEL);
    assertThat(run.err().lines()).containsExactly("faceauth: Model file " + models.resolve("mfn.onnx")
        + " has the wrong sha256: its descriptor expects " + "f".repeat(64) + ", the file has "
        + ModelFile.MOBILEFACENET.sha256() + ".");
  }
}
