package org.faceauth.core.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faceauth.core.ErrorCode;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FaceEmbedderTest {
  private static Embedding embed(EmbeddingModel model, String photo) {
    FacePipeline pipeline = TestData.engine().pipeline(DetectorKind.MTCNN, model, false);
    return pipeline.process(TestData.bytes(photo)).embedding().orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("org.faceauth.core.embed.EmbeddingModel#builtIn")
  void embed_givesAUnitVectorTaggedWithTheModelVersion(EmbeddingModel model) {
    Embedding e = embed(model, "users/Barack_Obama/1.jpg");
    assertThat(e.dimensions()).isEqualTo(model.dimensions());
    assertThat(e.cosine(e)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    assertThat(e.modelId()).isEqualTo(model.versionedId()).startsWith(model.id() + "@");
  }

  @ParameterizedTest
  @MethodSource("org.faceauth.core.embed.EmbeddingModel#builtIn")
  void embed_samePersonScoresAboveThresholdAndStrangersBelow(EmbeddingModel model) {
    Embedding obama = embed(model, "users/Barack_Obama/1.jpg");
    Embedding obamaAgain = embed(model, "test/known_faces/Barack_Obama_1.jpg");
    Embedding jolie = embed(model, "users/Angelina_Jolie/1.jpg");
    assertThat(obama.cosine(obamaAgain)).isGreaterThan(model.threshold());
    assertThat(obama.cosine(jolie)).isLessThan(model.threshold());
  }

  @Test
  void cosine_refusesEmbeddingsOfDifferentModels() {
    Embedding a = embed(EmbeddingModel.FR_FEATURE, "users/Barack_Obama/1.jpg");
    Embedding b = embed(EmbeddingModel.MOBILEFACENET, "users/Barack_Obama/1.jpg");
    assertThatThrownBy(() -> a.cosine(b))
        .isInstanceOfSatisfying(EmbeddingMismatchException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.EMBEDDING_MODEL_MISMATCH))
        .hasMessageContaining(EmbeddingModel.MOBILEFACENET.versionedId());
  }
}
