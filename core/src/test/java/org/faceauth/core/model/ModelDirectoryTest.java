package org.faceauth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  @Test
  void everyCataloguedModelIsVerifiedInTheSharedModelsFolder() {
    ModelDirectory shared = TestData.models();
    for (ModelFile file : ModelFile.values()) {
      assertThat(shared.status(file)).as(file.relativePath()).isEqualTo(ModelStatus.VERIFIED);
    }
  }

  @Test
  void aMissingModelFailsNamingTheFileItsChecksumAndSource(@TempDir Path empty) {
    assertThatThrownBy(() -> new ModelDirectory(empty).require(ModelFile.MTCNN_PNET))
        .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_MISSING))
        .hasMessageContaining("mtcnn/pnet.onnx")
        .hasMessageContaining(ModelFile.MTCNN_PNET.sha256())
        .hasMessageContaining("facenet-pytorch")
        .hasMessageContaining(ModelDirectory.ENV);
  }

  @Test
  void aCorruptModelFailsItsChecksumBeforeLoading(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve(ModelFile.YUNET.relativePath());
    Files.createDirectories(copy.getParent());
    byte[] bytes = Files.readAllBytes(TestData.models().pathOf(ModelFile.YUNET));
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(copy, bytes);
    ModelDirectory directory = new ModelDirectory(dir);
    assertThat(directory.status(ModelFile.YUNET)).isEqualTo(ModelStatus.WRONG_CHECKSUM);
    assertThatThrownBy(() -> OnnxModel.load(directory, ModelFile.YUNET, new InferenceOptions(1)))
        .isInstanceOfSatisfying(ModelException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_CHECKSUM_MISMATCH))
        .hasMessageContaining("wrong sha256");
  }

  @Test
  void npmCarriedModelsSayHowToInstallThem(@TempDir Path empty) {
    assertThat(ModelFile.FR_FEATURE.npmSource()).isPresent();
    assertThatThrownBy(() -> new ModelDirectory(empty).require(ModelFile.FR_FEATURE))
        .hasMessageContaining("faceauth models install");
  }
}
