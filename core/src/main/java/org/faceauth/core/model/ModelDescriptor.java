package org.faceauth.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.regex.Pattern;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;

/**
 * A model an operator plugs in without code: {@code NAME.properties} in the models folder ({@code --models},
 * {@code FACEAUTH_MODELS_DIR}) describing an ONNX file beside it. Only embedders can be described: detectors and
 * liveness models need decoding code of their own. Example (MobileFaceNet):
 *
 * <pre>
 * kind=embedder
 * file=MobileFaceNet.onnx
 * sha256=b7120c095d60094f28a4a54ba6a8bf51b297a6273fb40ef6350dfec1f63d9507
 * input-size=112x112
 * colour-order=rgb
 * mean=123.675,116.28,103.53
 * std=58.395,57.12,57.375
 * output-size=128
 * threshold=0.3666
 * </pre>
 *
 * <p>{@code mean} and {@code std} take one value or three (in the tensor's channel order); {@code scale} may replace
 * {@code std} (std = 1/scale); {@code output} names the output to read when the model has several;
 * {@code threshold} is optional ({@code faceauth calibrate} measures it). The file's sha256 is checked when the
 * descriptor is read and again whenever the file is loaded.
 *
 * @param name the model's configuration name (the descriptor's file name without {@code .properties})
 * @param file the described ONNX file
 * @param channelOrder channel order of the input tensor
 * @param normalization per-channel mean and std applied to 0–255 pixels
 * @param output the output to read, else the model's first
 * @param outputSize length of the embedding
 * @param threshold the calibrated cosine threshold, if given
 */
public record ModelDescriptor(
    String name,
    DescribedFile file,
    ChannelOrder channelOrder,
    Normalization normalization,
    Optional<String> output,
    int outputSize,
    OptionalDouble threshold) {
  /** Largest descriptor read, in bytes. */
  static final int MAX_DESCRIPTOR_BYTES = 64 * 1024;

  /** Largest described model file, in bytes. */
  static final long MAX_MODEL_BYTES = 1L << 30;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String INPUT_SIZE = "112x112";

  /**
   * An ONNX file named by a descriptor, verified against the descriptor's sha256.
   *
   * @param relativePath its path relative to the models folder
   * @param path where it is
   * @param sha256 the expected lowercase hex sha256
   */
  public record DescribedFile(String relativePath, Path path, String sha256) implements ModelSource {
    @Override
    public String version() {
      return sha256.substring(0, 12);
    }

    @Override
    public byte[] bytes(ModelDirectory directory) {
      byte[] bytes;
      try {
        if (!Files.isRegularFile(path)) {
          throw new ModelException(ErrorCode.MODEL_MISSING, "Model file " + path + " is missing.");
        }
        if (Files.size(path) > MAX_MODEL_BYTES) {
          throw new ModelException(ErrorCode.MODEL_LOAD_FAILED,
              "Model file " + path + " is over " + (MAX_MODEL_BYTES >> 20) + " MiB.");
        }
        bytes = Files.readAllBytes(path);
      } catch (IOException e) {
        throw new ModelException(ErrorCode.MODEL_LOAD_FAILED, "Cannot read model file " + path + ": " + e.getMessage(),
            e);
      }
      String actual = ModelDirectory.sha256(bytes);
      if (!actual.equals(sha256)) {
        throw new ModelException(ErrorCode.MODEL_CHECKSUM_MISMATCH, "Model file " + path
            + " has the wrong sha256: its descriptor expects " + sha256 + ", the file has " + actual + ".");
      }
      return bytes;
    }
  }

  /**
   * The descriptor {@code NAME.properties} in the models folder, read and checked (its file's sha256 included); empty
   * when there is no models folder or no such descriptor.
   *
   * @throws ModelException naming the descriptor and what is wrong with it
   */
  public static Optional<ModelDescriptor> find(ModelDirectory models, String name) {
    if (models.overrides().isEmpty() || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path folder = models.overrides().get();
    Path descriptor = folder.resolve(name + ".properties");
    if (!Files.isRegularFile(descriptor)) {
      return Optional.empty();
    }
    ModelDescriptor described = parse(name, descriptor, folder, read(descriptor));
    described.file().bytes(models);
    return Optional.of(described);
  }

  private static Properties read(Path descriptor) {
    try (InputStream in = Files.newInputStream(descriptor)) {
      byte[] bytes = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
      if (bytes.length > MAX_DESCRIPTOR_BYTES) {
        throw invalid(descriptor, "it is over " + MAX_DESCRIPTOR_BYTES / 1024 + " KiB");
      }
      Properties properties = new Properties();
      properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      return properties;
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelException(ErrorCode.MODEL_LOAD_FAILED,
          "Cannot read the model descriptor " + descriptor + ": " + e.getMessage(), e);
    }
  }

  static ModelDescriptor parse(String name, Path descriptor, Path folder, Properties p) {
    String kind = required(descriptor, p, "kind").toLowerCase(Locale.ROOT);
    switch (kind) {
      case "embedder" -> { }
      case "detector", "liveness" -> throw invalid(descriptor, "kind=" + kind + " is not supported: only embedders "
          + "can be described (a detector's or liveness model's outputs need decoding code of their own)");
      default -> throw invalid(descriptor, "kind must be embedder (the only kind that can be described), not '"
          + kind + "' (a .properties comment goes on a line of its own)");
    }
    String relative = required(descriptor, p, "file");
    Path file = folder.resolve(relative).normalize();
    if (!file.startsWith(folder) || file.equals(folder)) {
      throw invalid(descriptor, "file must name a file inside " + folder + ", not '" + relative + "'");
    }
    String sha256 = required(descriptor, p, "sha256").toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw invalid(descriptor, "sha256 must be 64 hex digits");
    }
    String size = required(descriptor, p, "input-size").toLowerCase(Locale.ROOT);
    if (!size.equals(INPUT_SIZE)) {
      throw invalid(descriptor, "input-size must be " + INPUT_SIZE + " (FaceAuth aligns faces to 112×112), not '"
          + size + "'");
    }
    ChannelOrder order = switch (required(descriptor, p, "colour-order").toLowerCase(Locale.ROOT)) {
      case "rgb" -> ChannelOrder.RGB;
      case "bgr" -> ChannelOrder.BGR;
      default -> throw invalid(descriptor, "colour-order must be rgb or bgr");
    };
    float[] mean = channels(descriptor, p, "mean", 0f);
    if (p.containsKey("std") && p.containsKey("scale")) {
      throw invalid(descriptor, "give std or scale, not both");
    }
    float[] std;
    if (p.containsKey("scale")) {
      float scale = channels(descriptor, p, "scale", 1f)[0];
      std = new float[] {1 / scale, 1 / scale, 1 / scale};
    } else {
      std = channels(descriptor, p, "std", 1f);
    }
    for (float s : std) {
      if (!(s > 0) || Float.isInfinite(s)) {
        throw invalid(descriptor, "std (or 1/scale) must be positive");
      }
    }
    int outputSize = (int) number(descriptor, required(descriptor, p, "output-size"), "output-size");
    if (outputSize < 2 || outputSize > 4096 || outputSize != number(descriptor, p.getProperty("output-size"), "")) {
      throw invalid(descriptor, "output-size must be a whole number from 2 to 4096");
    }
    OptionalDouble threshold = OptionalDouble.empty();
    if (p.containsKey("threshold")) {
      double t = number(descriptor, p.getProperty("threshold"), "threshold");
      if (!(t > -1 && t < 1)) {
        throw invalid(descriptor, "threshold must be a cosine between -1 and 1");
      }
      threshold = OptionalDouble.of(t);
    }
    Optional<String> output = Optional.ofNullable(p.getProperty("output")).map(String::strip).filter(o -> !o.isEmpty());
    return new ModelDescriptor(name, new DescribedFile(folder.relativize(file).toString(), file, sha256), order,
        new Normalization(mean, std), output, outputSize, threshold);
  }

  private static String required(Path descriptor, Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw invalid(descriptor, key + " is missing");
    }
    return value.strip();
  }

  private static float[] channels(Path descriptor, Properties p, String key, float fallback) {
    String value = p.getProperty(key);
    if (value == null) {
      return new float[] {fallback, fallback, fallback};
    }
    String[] parts = value.split(",");
    if (parts.length != 1 && parts.length != 3) {
      throw invalid(descriptor, key + " takes one value or three, comma-separated");
    }
    float[] out = new float[3];
    for (int c = 0; c < 3; c++) {
      out[c] = (float) number(descriptor, parts[parts.length == 1 ? 0 : c], key);
    }
    return out;
  }

  private static double number(Path descriptor, String value, String key) {
    try {
      double number = Double.parseDouble(value.strip());
      if (!Double.isFinite(number)) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw invalid(descriptor, key + " must be a number, not '" + value.strip() + "'");
    }
  }

  private static ModelException invalid(Path descriptor, String what) {
    return new ModelException(ErrorCode.MODEL_LOAD_FAILED, "Model descriptor " + descriptor + ": " + what + ".");
  }
}
