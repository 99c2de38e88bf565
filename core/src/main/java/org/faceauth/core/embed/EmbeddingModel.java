package org.faceauth.core.embed;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.model.ModelDescriptor;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelException;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.ModelSource;

/**
 * A face embedding model with its preprocessing and decision threshold: one of the two FaceAuth ships, or one an
 * operator describes by a descriptor in the models folder ({@link ModelDescriptor}). Models are selected by name
 * ({@link #resolve}); embeddings are comparable only between equal {@link #versionedId()}s.
 *
 * <p>Each shipped threshold is the cosine similarity at which the default strategy (MTCNN to enroll, YuNet to verify)
 * has a false-accept rate of 0.1% over the impostor attempts of the calibration half of {@code faces-dev} (see
 * {@link org.faceauth.core.evaluation.DatasetHalf}), less one binomial standard error (fr_feature: aimed at 0.0761%
 * over 17,460 attempts) so that sampling noise does not tip an unseen population over 0.1%; the check half, never
 * fitted on, is what the accuracy tests assert. It is re-measured with {@code faceauth calibrate --half calibration}
 * and can be overridden per deployment. MobileFaceNet's threshold was fitted on all of faces-dev and is not re-fitted.
 */
public final class EmbeddingModel {
  /** faceplugin fr_feature: 512-d, the most accurate here; the default. */
  public static final EmbeddingModel FR_FEATURE = new EmbeddingModel(
      "fr_feature", ModelFile.FR_FEATURE, 512, ChannelOrder.RGB, Normalization.of(127f, 128f), Optional.empty(),
      OptionalDouble.of(0.3848));

  /** MobileFaceNet (foamliu): 128-d, smaller and faster. */
  public static final EmbeddingModel MOBILEFACENET = new EmbeddingModel(
      "mobilefacenet",
      ModelFile.MOBILEFACENET,
      128,
      ChannelOrder.RGB,
      new Normalization(
          new float[] {0.485f * 255, 0.456f * 255, 0.406f * 255},
          new float[] {0.229f * 255, 0.224f * 255, 0.225f * 255}),
      Optional.empty(),
      OptionalDouble.of(0.3666));

  private static final List<EmbeddingModel> BUILT_IN = List.of(FR_FEATURE, MOBILEFACENET);

  private final String id;
  private final ModelSource source;
  private final int dimensions;
  private final ChannelOrder channelOrder;
  private final Normalization normalization;
  private final Optional<String> output;
  private final OptionalDouble threshold;

  /**
   * @param id the configuration name
   * @param source the ONNX file
   * @param dimensions length of the embedding
   * @param channelOrder channel order of the 112×112 input tensor
   * @param normalization per-channel mean and std applied to 0–255 pixels
   * @param output the output to read, else the model's first
   * @param threshold the calibrated cosine threshold, if known
   */
  public EmbeddingModel(
      String id, ModelSource source, int dimensions, ChannelOrder channelOrder, Normalization normalization,
      Optional<String> output, OptionalDouble threshold) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.dimensions = dimensions;
    this.channelOrder = Objects.requireNonNull(channelOrder, "channelOrder");
    this.normalization = Objects.requireNonNull(normalization, "normalization");
    this.output = Objects.requireNonNull(output, "output");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
  }

  /** The models FaceAuth ships. */
  public static List<EmbeddingModel> builtIn() {
    return BUILT_IN;
  }

  public ModelSource source() {
    return source;
  }

  public int dimensions() {
    return dimensions;
  }

  public ChannelOrder channelOrder() {
    return channelOrder;
  }

  public Normalization normalization() {
    return normalization;
  }

  /** The name of the output holding the embedding, when the model has several. */
  public Optional<String> output() {
    return output;
  }

  /** The calibrated threshold, when known (a described model may leave it to {@code faceauth calibrate}). */
  public OptionalDouble calibratedThreshold() {
    return threshold;
  }

  /**
   * Calibrated cosine threshold.
   *
   * @throws ModelException {@link ErrorCode#MODEL_LOAD_FAILED} for a described model whose descriptor gives none
   */
  public double threshold() {
    return threshold.orElseThrow(() -> new ModelException(ErrorCode.MODEL_LOAD_FAILED,
        "The embedding model " + id + " has no threshold: measure one with faceauth calibrate --model " + id
            + ", then write it as threshold= in its descriptor or set FACEAUTH_ENGINE_THRESHOLD (--threshold)."));
  }

  /** The configuration name, e.g. {@code fr_feature}. */
  public String id() {
    return id;
  }

  /** Name and content version, e.g. {@code fr_feature@87aacdfe5751}: embeddings are comparable only when equal. */
  public String versionedId() {
    return id + "@" + source.version();
  }

  @Override
  public String toString() {
    return versionedId();
  }

  /**
   * A shipped model by its configuration name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static EmbeddingModel parse(String name) {
    for (EmbeddingModel model : BUILT_IN) {
      if (model.id().equalsIgnoreCase(name.trim())) {
        return model;
      }
    }
    throw new IllegalArgumentException("unknown embedding model '" + name + "'; expected one of "
        + BUILT_IN.stream().map(EmbeddingModel::id).collect(Collectors.joining(", "))
        + ", or the name of a descriptor NAME.properties in the models folder");
  }

  /**
   * A shipped model by name, else the model described by {@code NAME.properties} in the models folder.
   *
   * @throws IllegalArgumentException when neither exists, naming the accepted values
   * @throws ModelException when the descriptor is invalid or its file is missing or has another sha256
   */
  public static EmbeddingModel resolve(String name, ModelDirectory models) {
    for (EmbeddingModel model : BUILT_IN) {
      if (model.id().equalsIgnoreCase(name.trim())) {
        return model;
      }
    }
    Optional<ModelDescriptor> descriptor = ModelDescriptor.find(models, name.trim());
    if (descriptor.isEmpty()) {
      return parse(name);
    }
    ModelDescriptor described = descriptor.get();
    return new EmbeddingModel(described.name(), described.file(), described.outputSize(), described.channelOrder(),
        described.normalization(), described.output(), described.threshold());
  }
}
