package org.faceauth.core.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.faceauth.core.testing.DescribedMobileFaceNet.NAME;
import static org.faceauth.core.testing.DescribedMobileFaceNet.descriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.testing.DescribedMobileFaceNet;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedder plugged in by a descriptor in the models folder: MobileFaceNet described that way embeds real faces
 * exactly as the shipped MobileFaceNet does; a wrong sha256 or a bad descriptor is refused with one clear message.
 */
class DescribedEmbedderTest {
  @Test
  void aDescribedMobileFaceNetEmbedsRealFacesExactlyAsTheShippedOne(@TempDir Path folder) throws IOException {
    ModelDirectory models =
        ModelDirectory.withOverrides(DescribedMobileFaceNet.write(folder, descriptor(ModelFile.MOBILEFACENET.sha256())));
    EmbeddingModel described = EmbeddingModel.resolve(NAME, models);
    assertThat(described.versionedId()).isEqualTo(NAME + "@" + ModelFile.MOBILEFACENET.version());
    assertThat(described.calibratedThreshold()).isEmpty();

    try (FaceEngine engine = FaceEngine.lazy(EngineConfig.defaults(models).withEmbeddingModel(described))) {
      for (String photo : List.of("users/Barack_Obama/1.jpg", "users/Angelina_Jolie/2.jpg",
          "test/known_faces/Bill_Frist_1.jpg")) {
        Embedding ours = engine.pipeline(DetectorKind.MTCNN, described, false).process(TestData.bytes(photo))
            .embedding().orElseThrow();
        Embedding shipped = engine.pipeline(DetectorKind.MTCNN, EmbeddingModel.MOBILEFACENET, false)
            .process(TestData.bytes(photo)).embedding().orElseThrow();
        assertThat(ours.modelId()).isEqualTo(described.versionedId());
        assertThat(ours.vector()).as(photo).containsExactly(shipped.vector(), within(1e-6f));
      }
    }
  }

  @Test
  void aConfiguredThresholdServesADescribedModelThatHasNoneOfItsOwn(@TempDir Path folder) throws IOException {
    ModelDirectory models =
        ModelDirectory.withOverrides(DescribedMobileFaceNet.write(folder, descriptor(ModelFile.MOBILEFACENET.sha256())));
    EmbeddingModel described = EmbeddingModel.resolve(NAME, models);
    EngineConfig config = EngineConfig.defaults(models).withEmbeddingModel(described);

    assertThat(config.withThreshold(OptionalDouble.of(0.41)).effectiveThreshold()).isEqualTo(0.41);
    assertThatThrownBy(config::effectiveThreshold).hasMessageContaining("has no threshold");
  }

  @Test
  void aFileThatDoesNotMatchItsSha256IsRefusedWithBothChecksums(@TempDir Path folder) throws IOException {
    String wrong = "0".repeat(64);
    ModelDirectory models = ModelDirectory.withOverrides(DescribedMobileFaceNet.write(folder, descriptor(wrong)));
    assertThatThrownBy(() -> EmbeddingModel.resolve(NAME, models))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_CHECKSUM_MISMATCH))
        .hasMessageContaining(folder.resolve("mfn.onnx").toString())
        .hasMessageContaining(wrong)
        .hasMessageContaining(ModelFile.MOBILEFACENET.sha256());
  }

  @Test
  void aDetectorDescriptorIsRefusedSayingOnlyEmbeddersCanBeDescribed(@TempDir Path folder) throws IOException {
    ModelDirectory models = ModelDirectory.withOverrides(DescribedMobileFaceNet.write(folder,
        descriptor(ModelFile.MOBILEFACENET.sha256()).replace("kind=embedder", "kind=detector")));
    assertThatThrownBy(() -> EmbeddingModel.resolve(NAME, models))
        .isInstanceOfSatisfying(FaceAuthException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_LOAD_FAILED))
        .hasMessage("Model descriptor " + folder.resolve(NAME + ".properties") + ": kind=detector is not supported: "
            + "only embedders can be described (a detector's or liveness model's outputs need decoding code of their "
            + "own).");
  }

  @Test
  void aDescriptorMissingAFieldOrPointingOutsideTheFolderIsRefused(@TempDir Path folder) throws IOException {
    String sha = ModelFile.MOBILEFACENET.sha256();
    DescribedMobileFaceNet.write(folder, descriptor(sha).replace("output-size=128\n", ""));
    assertThatThrownBy(() -> EmbeddingModel.resolve(NAME, ModelDirectory.withOverrides(folder)))
        .hasMessageEndingWith(": output-size is missing.");
    DescribedMobileFaceNet.write(folder, descriptor(sha).replace("file=mfn.onnx", "file=../mfn.onnx"));
    assertThatThrownBy(() -> EmbeddingModel.resolve(NAME, ModelDirectory.withOverrides(folder)))
        .hasMessageContaining("file must name a file inside");
    DescribedMobileFaceNet.write(folder, descriptor(sha).replace("input-size=112x112", "input-size=160x160"));
    assertThatThrownBy(() -> EmbeddingModel.resolve(NAME, ModelDirectory.withOverrides(folder)))
        .hasMessageContaining("input-size must be 112x112");
  }

  @Test
  void anUnknownNameListsTheShippedModelsAndTheDescriptorConvention(@TempDir Path folder) {
    assertThatThrownBy(() -> EmbeddingModel.resolve("arcface", ModelDirectory.withOverrides(folder)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fr_feature, mobilefacenet")
        .hasMessageContaining("NAME.properties");
  }
}
