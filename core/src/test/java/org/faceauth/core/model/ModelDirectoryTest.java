package org.faceauth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faceauth.core.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  @Test
  void everyCataloguedModelIsBundledAndVerified() {
    ModelDirectory bundled = ModelDirectory.bundled();
    for (ModelFile file : ModelFile.values()) {
      assertThat(bundled.status(file)).as(file.relativePath()).isEqualTo(ModelStatus.VERIFIED);
      assertThat(bundled.location(file)).isEqualTo("bundled");
      assertThat(bundled.bytes(file)).hasSize(Math.toIntExact(file.bytes()));
    }
  }

  @Test
  void anEmptyOverrideFolderFallsBackToTheBundledSet(@TempDir Path empty) {
    ModelDirectory directory = ModelDirectory.withOverrides(empty);
    assertThat(directory.status(ModelFile.MTCNN_PNET)).isEqualTo(ModelStatus.VERIFIED);
    assertThat(directory.location(ModelFile.MTCNN_PNET)).isEqualTo("bundled");
  }

  @Test
  void anOverrideFolderThatDoesNotExistIsRefusedNotIgnored(@TempDir Path parent) {
    Path mistyped = parent.resolve("modles");
    assertThatThrownBy(() -> ModelDirectory.withOverrides(mistyped))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_MISSING))
        .hasMessageContaining(mistyped.toString()).hasMessageContaining("does not exist");
  }

  @Test
  void aVerifiedCopyInTheOverrideFolderIsUsedInsteadOfTheBundledOne(@TempDir Path dir) throws IOException {
    Path copy = write(dir, ModelFile.YUNET, ModelDirectory.bundled().bytes(ModelFile.YUNET));
    ModelDirectory directory = ModelDirectory.withOverrides(dir);
    assertThat(directory.status(ModelFile.YUNET)).isEqualTo(ModelStatus.VERIFIED);
    assertThat(directory.location(ModelFile.YUNET)).isEqualTo(copy.toString());
    assertThat(directory.require(ModelFile.YUNET)).isEqualTo(copy);
  }

  @Test
  void aCorruptOverrideFailsItsChecksumBeforeLoadingAndIsNotReplacedSilently(@TempDir Path dir) throws IOException {
    byte[] bytes = ModelDirectory.bundled().bytes(ModelFile.YUNET);
    bytes[bytes.length / 2] ^= 0x5A;
    write(dir, ModelFile.YUNET, bytes);
    ModelDirectory directory = ModelDirectory.withOverrides(dir);
    assertThat(directory.status(ModelFile.YUNET)).isEqualTo(ModelStatus.WRONG_CHECKSUM);
    assertThatThrownBy(() -> OnnxModel.load(directory, ModelFile.YUNET, new InferenceOptions(1)))
        .isInstanceOfSatisfying(ModelException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_CHECKSUM_MISMATCH))
        .hasMessageContaining("wrong sha256")
        .hasMessageContaining(ModelFile.YUNET.sha256())
        .hasMessageContaining("Remove it to use the bundled copy");
  }

  @Test
  void requireAllNamesEveryBadFileInOneFailure(@TempDir Path dir) throws IOException {
    write(dir, ModelFile.MTCNN_PNET, new byte[] {1, 2, 3});
    write(dir, ModelFile.FR_FEATURE, new byte[] {4, 5, 6});
    ModelDirectory directory = ModelDirectory.withOverrides(dir);
    assertThatThrownBy(() -> directory.requireAll(
            List.of(ModelFile.MTCNN_PNET, ModelFile.YUNET, ModelFile.FR_FEATURE)))
        .isInstanceOfSatisfying(ModelException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_CHECKSUM_MISMATCH))
        .hasMessageContaining("mtcnn/pnet.onnx")
        .hasMessageContaining("faceplugin/fr_feature.onnx")
        .hasMessageNotContaining("yunet");
  }

  @Test
  void theHaarCascadeIsHandedOutAsAVerifiedOwnerOnlyFile() throws IOException {
    Path cascade = ModelDirectory.bundled().require(ModelFile.HAAR_FRONTALFACE);
    assertThat(Files.size(cascade)).isEqualTo(ModelFile.HAAR_FRONTALFACE.bytes());
    assertThat(Files.getPosixFilePermissions(cascade)).hasSize(2);
    assertThat(Files.readString(cascade)).contains("<opencv_storage>");
  }

  private static Path write(Path dir, ModelFile file, byte[] bytes) throws IOException {
    Path path = dir.resolve(file.relativePath());
    Files.createDirectories(path.getParent());
    return Files.write(path, bytes);
  }
}
