package org.faceauth.core.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.model.ModelFile;

/**
 * The face embedding models FaceAuth ships, with their preprocessing and their calibrated decision threshold.
 *
 * <p>Each threshold is the cosine similarity at which the default strategy (MTCNN to enroll, YuNet to verify) has a
 * false-accept rate of 0.1% over the impostor attempts of the calibration half of {@code faces-dev} (see
 * {@link org.faceauth.core.evaluation.DatasetHalf}), less one binomial standard error (fr_feature: aimed at 0.0761%
 * over 17,460 attempts) so that sampling noise does not tip an unseen population over 0.1%; the check half, never
 * fitted on, is what the accuracy tests assert. It is re-measured with {@code faceauth calibrate --half calibration}
 * and can be overridden per deployment. MobileFaceNet's threshold was fitted on all of faces-dev and is not re-fitted.
 */
public enum EmbeddingModel {
  /** faceplugin fr_feature: 512-d, the most accurate here; the default. */
  FR_FEATURE(ModelFile.FR_FEATURE, 512, ChannelOrder.RGB, Normalization.of(127f, 128f), 0.3848),
  /** MobileFaceNet (foamliu): 128-d, smaller and faster. */
  MOBILEFACENET(
      ModelFile.MOBILEFACENET,
      128,
      ChannelOrder.RGB,
      new Normalization(
          new float[] {0.485f * 255, 0.456f * 255, 0.406f * 255},
          new float[] {0.229f * 255, 0.224f * 255, 0.225f * 255}),
      0.3666);

  private final ModelFile file;
  private final int dimensions;
  private final ChannelOrder channelOrder;
  private final Normalization normalization;
  private final double threshold;

  EmbeddingModel(
      ModelFile file, int dimensions, ChannelOrder channelOrder, Normalization normalization, double threshold) {
    this.file = file;
    this.dimensions = dimensions;
    this.channelOrder = channelOrder;
    this.normalization = normalization;
    this.threshold = threshold;
  }

  public ModelFile file() {
    return file;
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

  /** Calibrated cosine threshold (FAR under 0.1% on faces-dev with the default strategy, with a margin). */
  public double threshold() {
    return threshold;
  }

  /** The configuration name, e.g. {@code fr_feature}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Name and content version, e.g. {@code fr_feature@87aacdfe5751}: embeddings are comparable only when equal. */
  public String versionedId() {
    return id() + "@" + file.version();
  }

  /**
   * Parses a configuration name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static EmbeddingModel parse(String name) {
    for (EmbeddingModel model : values()) {
      if (model.id().equalsIgnoreCase(name.trim())) {
        return model;
      }
    }
    throw new IllegalArgumentException(
        "unknown embedding model '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(EmbeddingModel::id).collect(Collectors.joining(", ")));
  }
}
