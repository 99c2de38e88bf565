package org.faceauth.cli;

import java.util.OptionalDouble;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.pipeline.DetectorStrategy;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that compare faces: models folder, detector strategy, embedder, threshold. */
final class EngineOptions {
  @Mixin ModelsOption models = new ModelsOption();

  @Option(
      names = "--enroll-detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "Detector for the enrollment image: mtcnn, yunet, haar, blazeface (default: mtcnn).")
  DetectorKind enrollDetector = DetectorStrategy.DEFAULT.enroll();

  @Option(
      names = "--verify-detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "Detector for the login image: mtcnn, yunet, haar, blazeface (default: yunet).")
  DetectorKind verifyDetector = DetectorStrategy.DEFAULT.verify();

  @Option(
      names = "--model",
      paramLabel = "M",
      converter = Converters.Embedder.class,
      description = "Embedding model: fr_feature (default) or mobilefacenet.")
  EmbeddingModel model = EmbeddingModel.FR_FEATURE;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description = "Cosine threshold overriding the model's calibrated one.")
  Double threshold;

  EngineConfig config(InferenceOptions inference) {
    return EngineConfig.defaults(models.directory())
        .withStrategy(new DetectorStrategy(enrollDetector, verifyDetector))
        .withEmbeddingModel(model)
        .withInference(inference)
        .withThreshold(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
  }

  FaceEngine open(InferenceOptions inference) {
    return FaceEngine.open(config(inference));
  }
}
