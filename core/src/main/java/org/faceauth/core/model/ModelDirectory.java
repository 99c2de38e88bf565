package org.faceauth.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faceauth.core.ErrorCode;

/**
 * Where model files come from: the default set bundled in the {@code faceauth-models} jar, overridden file by file by
 * an optional folder ({@code --models DIR} or {@code FACEAUTH_MODELS_DIR}) laid out like the bundle. A file in the
 * override folder replaces the bundled one and must still match the catalogue's sha256; every file is checked
 * against its sha256 before use, bundled or not. Thread-safe; a file is hashed once for {@link #status}, and again
 * each time its bytes are handed out for loading.
 */
public final class ModelDirectory {
  /** Environment variable naming the optional override folder (bound by the server and CLI settings). */
  public static final String ENV = "FACEAUTH_MODELS_DIR";

  private final Optional<Path> overrides;
  private final Map<ModelFile, Boolean> verified = new ConcurrentHashMap<>();
  private final Map<ModelFile, Path> extracted = new ConcurrentHashMap<>();

  private ModelDirectory(Optional<Path> overrides) {
    this.overrides = overrides.map(path -> path.toAbsolutePath().normalize());
  }

  /** The bundled set alone. */
  public static ModelDirectory bundled() {
    return new ModelDirectory(Optional.empty());
  }

  /**
   * The bundled set, with the files present in {@code folder} taking precedence.
   *
   * @throws ModelException {@link ErrorCode#MODEL_MISSING} when {@code folder} is not an existing folder (a mistyped
   *     path would otherwise be ignored without a word)
   */
  public static ModelDirectory withOverrides(Path folder) {
    if (!Files.isDirectory(Objects.requireNonNull(folder, "folder"))) {
      throw new ModelException(ErrorCode.MODEL_MISSING, "The models folder " + folder
          + " (--models or " + ENV + ") does not exist or is not a folder; fix the path or leave it unset to use the"
          + " bundled models.");
    }
    return new ModelDirectory(Optional.of(folder));
  }

  /** The override folder, if one is configured. */
  public Optional<Path> overrides() {
    return overrides;
  }

  /** Where {@code file} is taken from: its path in the override folder when there, else {@code bundled}. */
  public String location(ModelFile file) {
    return overrideOf(file).filter(Files::isRegularFile).map(Path::toString).orElse("bundled");
  }

  /** Checks {@code file} without failing. */
  public ModelStatus status(ModelFile file) {
    if (verified.containsKey(file)) {
      return ModelStatus.VERIFIED;
    }
    Optional<byte[]> bytes = read(file);
    if (bytes.isEmpty()) {
      return ModelStatus.MISSING;
    }
    if (!sha256(bytes.get()).equals(file.sha256())) {
      return ModelStatus.WRONG_CHECKSUM;
    }
    verified.put(file, Boolean.TRUE);
    return ModelStatus.VERIFIED;
  }

  /**
   * The verified bytes of {@code file}, hashed as they are handed out (what is loaded is what was checked).
   *
   * @throws ModelException if it is missing or its sha256 differs, naming the file and the expected sha256
   */
  public byte[] bytes(ModelFile file) {
    byte[] bytes = read(file).orElseThrow(() -> new ModelException(ErrorCode.MODEL_MISSING, missing(file)));
    if (!sha256(bytes).equals(file.sha256())) {
      throw new ModelException(ErrorCode.MODEL_CHECKSUM_MISMATCH, corrupt(file));
    }
    verified.put(file, Boolean.TRUE);
    return bytes;
  }

  /**
   * A verified copy of {@code file} on disk, for runtimes that only read files (OpenCV's cascade classifier): the
   * override file itself, else the bundled bytes written once to an owner-only temporary file deleted at exit.
   *
   * @throws ModelException as {@link #bytes}, or {@link ErrorCode#MODEL_LOAD_FAILED} if the copy cannot be written
   */
  public Path require(ModelFile file) {
    byte[] bytes = bytes(file);
    Optional<Path> override = overrideOf(file).filter(Files::isRegularFile);
    if (override.isPresent()) {
      return override.get();
    }
    return extracted.computeIfAbsent(file, f -> writeTemporaryCopy(f, bytes));
  }

  /**
   * Checks every file in {@code files} and fails once for all of them.
   *
   * @throws ModelException {@link ErrorCode#MODEL_MISSING} when any is missing, else
   *     {@link ErrorCode#MODEL_CHECKSUM_MISMATCH}; the message has one line per problem
   */
  public void requireAll(Collection<ModelFile> files) {
    List<String> problems = new ArrayList<>();
    boolean anyMissing = false;
    for (ModelFile file : files) {
      switch (status(file)) {
        case VERIFIED -> { }
        case MISSING -> {
          anyMissing = true;
          problems.add(missing(file));
        }
        case WRONG_CHECKSUM -> problems.add(corrupt(file));
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelException(
          anyMissing ? ErrorCode.MODEL_MISSING : ErrorCode.MODEL_CHECKSUM_MISMATCH, String.join("\n", problems));
    }
  }

  private String missing(ModelFile file) {
    return "Model file " + file.relativePath() + " is missing: not bundled (the faceauth-models jar is not on the "
        + "class path)" + overrides.map(dir -> " and not in " + dir).orElse("") + ". Expected sha256 "
        + file.sha256() + ", source: " + file.origin() + ".";
  }

  private String corrupt(ModelFile file) {
    String where = location(file);
    String remedy = where.equals("bundled") ? " Rebuild or re-download FaceAuth." : " Remove it to use the bundled copy.";
    return "Model file " + file.relativePath() + " (" + where + ") has the wrong sha256: corrupt or a different file "
        + "(expected " + file.sha256() + ")." + remedy;
  }

  private Optional<Path> overrideOf(ModelFile file) {
    return overrides.map(dir -> dir.resolve(file.relativePath()));
  }

  /** The override file when present, else the bundled resource; at most one byte more than the catalogue size. */
  private Optional<byte[]> read(ModelFile file) {
    Optional<Path> override = overrideOf(file).filter(Files::isRegularFile);
    try (InputStream in = override.isPresent()
        ? Files.newInputStream(override.get())
        : ModelDirectory.class.getClassLoader().getResourceAsStream(file.resource())) {
      return in == null ? Optional.empty() : Optional.of(in.readNBytes(Math.toIntExact(file.bytes() + 1)));
    } catch (IOException e) {
      throw new ModelException(
          ErrorCode.MODEL_LOAD_FAILED, "Cannot read model file " + file.relativePath() + ": " + e.getMessage(), e);
    }
  }

  private static Path writeTemporaryCopy(ModelFile file, byte[] bytes) {
    String name = Path.of(file.relativePath()).getFileName().toString();
    try {
      Path copy = Files.createTempFile("faceauth-", "-" + name,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      copy.toFile().deleteOnExit();
      Files.write(copy, bytes);
      return copy;
    } catch (IOException e) {
      throw new ModelException(
          ErrorCode.MODEL_LOAD_FAILED, "Cannot write a working copy of " + file.relativePath() + ": " + e.getMessage(),
          e);
    }
  }

  /** Lowercase hex sha256 of some bytes. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
