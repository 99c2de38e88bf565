package org.faceauth.cli;

import java.util.OptionalDouble;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.pipeline.DetectorStrategy;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.server.config.EngineSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the commands that compare faces: models folder, detector per flow, embedder, threshold. Each defaults to
 * the server's setting of the same name ({@code FACEAUTH_ENGINE_*}, see {@link EngineSettings}), so that the command
 * line and the server run the same engine; the quality gate comes from those settings too.
 */
final class EngineOptions {
  @Mixin ModelsOption models = new ModelsOption();

  private final EngineSettings settings = Settings.environment().engine();

  @Option(
      names = "--enroll-detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "Detector for the enrollment image: mtcnn, yunet, haar, blazeface "
          + "(default: $FACEAUTH_ENGINE_ENROLL_DETECTOR, else mtcnn).")
  DetectorKind enrollDetector = settings.strategy().enroll();

  @Option(
      names = "--verify-detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "Detector for the login image: mtcnn, yunet, haar, blazeface "
          + "(default: $FACEAUTH_ENGINE_VERIFY_DETECTOR, else yunet).")
  DetectorKind verifyDetector = settings.strategy().verify();

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "Embedding model: fr_feature, mobilefacenet or the name of a descriptor NAME.properties in the "
          + "models folder (default: $FACEAUTH_ENGINE_MODEL, else fr_feature).")
  String modelName = settings.model();

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description = "Cosine threshold overriding the model's calibrated one (default: $FACEAUTH_ENGINE_THRESHOLD).")
  Double threshold = settings.threshold();

  EngineConfig config(InferenceOptions inference) {
    return settings.config(models.directory(), inference)
        .withStrategy(new DetectorStrategy(enrollDetector, verifyDetector))
        .withEmbeddingModel(model())
        .withThreshold(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
  }

  /**
   * The chosen embedding model.
   *
   * @throws IllegalArgumentException when no shipped model or descriptor has that name
   */
  EmbeddingModel model() {
    return modelName == null
        ? EngineConfig.DEFAULT_EMBEDDING_MODEL
        : EmbeddingModel.resolve(modelName, models.directory());
  }

  FaceEngine open(InferenceOptions inference) {
    return FaceEngine.open(config(inference));
  }
}
