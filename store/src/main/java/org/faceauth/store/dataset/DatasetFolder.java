package org.faceauth.store.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.FaceArchive;
import org.faceauth.core.image.ImageFormat;
import org.faceauth.core.user.UserId;

/**
 * FaceAuth's own {@code dataset/} folder:
 *
 * <pre>
 * raw/users/&lt;user_id&gt;/&lt;n&gt;.&lt;ext&gt;          enrollment uploads, kept only while raw retention is on
 * raw/test/known_faces/&lt;user_id&gt;_&lt;n&gt;.&lt;ext&gt;  test photos of enrolled users
 * processed/users/&lt;user_id&gt;.jpg             aligned crop, written only when debug crops are on
 * processed/embeddings/&lt;user_id&gt;.npy        exported templates (with &lt;user_id&gt;.json: model, detector, …)
 * </pre>
 *
 * Every path is built from a validated {@link UserId} and checked to stay inside the folder. Files are created
 * readable by their owner only. Uploads older than the retention period are purged on each write and by {@link
 * #purgeExpired()}. Thread-safe.
 */
public final class DatasetFolder implements FaceArchive {
  private final Path root;
  private final Duration rawRetention;
  private final boolean debugCrops;
  private final Clock clock;

  /**
   * @param root the dataset folder (created when needed)
   * @param rawRetention how long uploads are kept; {@link Duration#ZERO} keeps none
   * @param debugCrops whether aligned crops are written
   */
  public DatasetFolder(Path root, Duration rawRetention, boolean debugCrops, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.rawRetention = rawRetention;
    this.debugCrops = debugCrops;
    this.clock = clock;
  }

  public Path root() {
    return root;
  }

  /** The folder of a user's kept uploads. */
  public Path uploadsOf(UserId user) {
    return inside("raw/users", user.value());
  }

  /** The aligned debug crop of a user. */
  public Path cropOf(UserId user) {
    return inside("processed/users", user.value() + ".jpg");
  }

  /** The exported embeddings of a user. */
  public Path embeddingsOf(UserId user) {
    return inside("processed/embeddings", user.value() + ".npy");
  }

  /** The description of the exported embeddings (model, detector, quality per row, profile). */
  public Path embeddingsManifestOf(UserId user) {
    return inside("processed/embeddings", user.value() + ".json");
  }

  /** The folder of exported embeddings. */
  public Path embeddingsFolder() {
    return inside("processed", "embeddings");
  }

  @Override
  public void keepUploads(UserId user, List<byte[]> images) {
    if (rawRetention.isZero() || rawRetention.isNegative()) {
      return;
    }
    Path folder = uploadsOf(user);
    try {
      Files.createDirectories(folder);
      int next = nextNumber(folder);
      for (byte[] image : images) {
        String extension = ImageFormat.sniff(image)
            .map(f -> f == ImageFormat.JPEG ? "jpg" : f.name().toLowerCase(Locale.ROOT))
            .orElse("bin");
        writePrivate(folder.resolve(next++ + "." + extension), image);
      }
    } catch (IOException e) {
      throw failure("keep the uploads of " + user, e);
    }
    purgeExpired();
  }

  @Override
  public boolean wantsCrops() {
    return debugCrops;
  }

  @Override
  public void keepCrop(UserId user, byte[] jpeg) {
    try {
      Path crop = cropOf(user);
      Files.createDirectories(crop.getParent());
      writePrivate(crop, jpeg);
    } catch (IOException e) {
      throw failure("write the crop of " + user, e);
    }
  }

  @Override
  public void erase(UserId user) {
    try {
      deleteTree(uploadsOf(user));
      Files.deleteIfExists(cropOf(user));
      Files.deleteIfExists(embeddingsOf(user));
      Files.deleteIfExists(embeddingsManifestOf(user));
      Path known = inside("raw/test", "known_faces");
      if (Files.isDirectory(known)) {
        Pattern own = Pattern.compile(Pattern.quote(user.value()) + "_\\d+\\.[A-Za-z]+");
        try (Stream<Path> files = Files.list(known)) {
          for (Path file : files.filter(f -> own.matcher(f.getFileName().toString()).matches()).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException e) {
      throw failure("erase the files of " + user, e);
    }
  }

  /**
   * Deletes uploads older than the retention period (all of them when retention is off), and emptied user folders.
   *
   * @return how many files were deleted
   */
  public int purgeExpired() {
    Path users = inside("raw", "users");
    if (!Files.isDirectory(users)) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(rawRetention.isNegative() ? Duration.ZERO : rawRetention);
    int deleted = 0;
    try (Stream<Path> folders = Files.list(users)) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.toInstant().isAfter(cutoff)) {
              Files.deleteIfExists(file);
              deleted++;
            }
          }
        }
        try (Stream<Path> rest = Files.list(folder)) {
          if (rest.findAny().isEmpty()) {
            Files.deleteIfExists(folder);
          }
        }
      }
    } catch (IOException e) {
      throw failure("purge expired uploads", e);
    }
    return deleted;
  }

  /** Writes {@code bytes} to {@code file} with owner-only permissions. */
  static void writePrivate(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private Path inside(String folder, String name) {
    Path path = root.resolve(folder).resolve(name).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new FaceAuthException(ErrorCode.INVALID_USER_ID, "'" + name + "' would leave the dataset folder.");
    }
    return path;
  }

  private static int nextNumber(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      Optional<Integer> max = files
          .map(f -> f.getFileName().toString())
          .map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n)
          .filter(n -> n.matches("\\d{1,9}"))
          .map(Integer::parseInt)
          .max(Comparator.naturalOrder());
      return max.map(n -> n + 1).orElse(1);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static FaceAuthException failure(String what, IOException e) {
    return new FaceAuthException(ErrorCode.DATASET_IO_FAILED, "Cannot " + what + ": " + e.getMessage(), e);
  }
}
