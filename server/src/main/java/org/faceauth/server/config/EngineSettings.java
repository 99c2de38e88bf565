package org.faceauth.server.config;

import java.util.OptionalDouble;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.DetectorStrategy;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.quality.QualitySettings;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine a deployment chooses, under {@code faceauth.engine.*}: the detector of each flow, the embedding model, a
 * threshold overriding the model's calibrated one and the enrollment quality gate. Unset values take the core's
 * defaults ({@link EngineConfig#defaults}); the server and the command line both build their engine through
 * {@link #config}, so a setting means the same in both.
 *
 * @param enrollDetector detector of enrollment ({@code FACEAUTH_ENGINE_ENROLL_DETECTOR}; default mtcnn)
 * @param verifyDetector detector of verification and identification ({@code FACEAUTH_ENGINE_VERIFY_DETECTOR}; default
 *     yunet)
 * @param model embedding model ({@code FACEAUTH_ENGINE_MODEL}; default fr_feature): a shipped one or the name of a
 *     descriptor in the models folder
 * @param threshold cosine threshold ({@code FACEAUTH_ENGINE_THRESHOLD}; default the model's calibrated one)
 * @param quality the enrollment quality gate's bounds
 */
public record EngineSettings(
    String enrollDetector, String verifyDetector, String model, Double threshold, @DefaultValue Quality quality) {
  /**
   * Bounds of an acceptable enrollment photo ({@code faceauth.engine.quality.*}); each unset one keeps its default
   * from {@link QualitySettings#DEFAULT}.
   */
  public record Quality(
      Double minInterEyeDistance,
      Double minSharpness,
      Double maxYaw,
      Double minPitch,
      Double maxPitch,
      Double minDetectionScore,
      Double maxSecondFaceAreaRatio) {
    QualitySettings settings() {
      QualitySettings d = QualitySettings.DEFAULT;
      return new QualitySettings(
          or(minInterEyeDistance, d.minInterEyeDistance()),
          or(minSharpness, d.minSharpness()),
          or(maxYaw, d.maxYaw()),
          or(minPitch, d.minPitch()),
          or(maxPitch, d.maxPitch()),
          or(minDetectionScore, d.minDetectionScore()),
          or(maxSecondFaceAreaRatio, d.maxSecondFaceAreaRatio()));
    }

    private static double or(Double value, double fallback) {
      return value == null ? fallback : value;
    }
  }

  /** The detectors per flow: each set one parsed, each unset one the default's. */
  public DetectorStrategy strategy() {
    return new DetectorStrategy(
        enrollDetector == null ? DetectorStrategy.DEFAULT.enroll() : DetectorKind.parse(enrollDetector),
        verifyDetector == null ? DetectorStrategy.DEFAULT.verify() : DetectorKind.parse(verifyDetector));
  }

  /** The embedding model set (shipped, or described in {@code models}), else the default. */
  public EmbeddingModel embeddingModel(ModelDirectory models) {
    return model == null ? EngineConfig.DEFAULT_EMBEDDING_MODEL : EmbeddingModel.resolve(model, models);
  }

  /**
   * The engine configuration these settings describe over {@code models}.
   *
   * @throws IllegalArgumentException naming the accepted values when a detector or model name is unknown
   */
  public EngineConfig config(ModelDirectory models, InferenceOptions inference) {
    return EngineConfig.defaults(models)
        .withStrategy(strategy())
        .withEmbeddingModel(embeddingModel(models))
        .withThreshold(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold))
        .withQuality(quality.settings())
        .withInference(inference);
  }
}
