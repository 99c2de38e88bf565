package org.faceauth.core.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.image.ImageLimits;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.quality.QualitySettings;

/**
 * Everything a {@link FaceEngine} is built from.
 *
 * @param models where model files are
 * @param inference ONNX Runtime threading
 * @param strategy enrollment and verification detectors
 * @param embeddingModel which embedder makes templates
 * @param threshold overrides the model's calibrated threshold when present
 * @param imageLimits decoding limits
 * @param quality enrollment quality bounds
 * @param haarCascade explicit cascade file for the Haar detector, if any
 */
public record EngineConfig(
    ModelDirectory models,
    InferenceOptions inference,
    DetectorStrategy strategy,
    EmbeddingModel embeddingModel,
    OptionalDouble threshold,
    ImageLimits imageLimits,
    QualitySettings quality,
    Optional<Path> haarCascade) {
  public EngineConfig {
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(embeddingModel, "embeddingModel");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(imageLimits, "imageLimits");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(haarCascade, "haarCascade");
  }

  /** The embedding model used unless configured otherwise. */
  public static final EmbeddingModel DEFAULT_EMBEDDING_MODEL = EmbeddingModel.FR_FEATURE;

  /** Defaults everywhere except the models directory. */
  public static EngineConfig defaults(ModelDirectory models) {
    return new EngineConfig(
        models,
        InferenceOptions.allCores(),
        DetectorStrategy.DEFAULT,
        DEFAULT_EMBEDDING_MODEL,
        OptionalDouble.empty(),
        ImageLimits.DEFAULT,
        QualitySettings.DEFAULT,
        Optional.empty());
  }

  public EngineConfig withStrategy(DetectorStrategy newStrategy) {
    return new EngineConfig(
        models, inference, newStrategy, embeddingModel, threshold, imageLimits, quality, haarCascade);
  }

  public EngineConfig withEmbeddingModel(EmbeddingModel model) {
    return new EngineConfig(models, inference, strategy, model, threshold, imageLimits, quality, haarCascade);
  }

  public EngineConfig withInference(InferenceOptions options) {
    return new EngineConfig(models, options, strategy, embeddingModel, threshold, imageLimits, quality, haarCascade);
  }

  public EngineConfig withThreshold(OptionalDouble value) {
    return new EngineConfig(models, inference, strategy, embeddingModel, value, imageLimits, quality, haarCascade);
  }

  public EngineConfig withQuality(QualitySettings bounds) {
    return new EngineConfig(models, inference, strategy, embeddingModel, threshold, imageLimits, bounds, haarCascade);
  }

  /** The decision threshold in force: the override, else the model's calibrated one. */
  public double effectiveThreshold() {
    return threshold.orElseGet(embeddingModel::threshold);
  }
}
