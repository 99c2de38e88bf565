package org.faceauth.store.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.store.FileTree;
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
 * Every path is built from a validated {@link UserId} and checked to stay inside the folder. Files and folders are
 * created readable by their owner only; an enrollment's files are staged under temporary names ({@code .staged-*},
 * synced to disk) and renamed into place only when its rows are stored. Uploads older than the retention period are
 * purged on each enrollment and by {@link #purgeExpired()}. Thread-safe.
 */
public final class DatasetFolder implements FaceArchive {
  private static final String STAGED_PREFIX = ".staged-";
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

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
  public Staged stage(UserId user, List<byte[]> uploads, Optional<byte[]> crop) {
    purgeExpired();
    StagedFiles staged = new StagedFiles();
    try {
      if (keepsUploads()) {
        Path folder = uploadsOf(user);
        createPrivateDirectories(folder);
        staged.uploadsFolder = Optional.of(folder);
        int next = nextNumber(folder);
        for (byte[] image : uploads) {
          String extension = ImageFormat.sniff(image)
              .map(f -> f == ImageFormat.JPEG ? "jpg" : f.name().toLowerCase(Locale.ROOT))
              .orElse("bin");
          staged.add(writeTemporary(folder, image), folder.resolve(next++ + "." + extension));
        }
      }
      if (debugCrops && crop.isPresent()) {
        Path target = cropOf(user);
        createPrivateDirectories(target.getParent());
        staged.add(writeTemporary(target.getParent(), crop.get()), target);
      }
    } catch (IOException e) {
      FaceAuthException failure = failure("write the files of " + user, e);
      try {
        staged.discard();
      } catch (FaceAuthException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
    return staged;
  }

  /** Files written under temporary names, each with its final name. */
  private static final class StagedFiles implements Staged {
    private final List<Path> temporaries = new ArrayList<>();
    private final List<Path> targets = new ArrayList<>();
    private final List<Path> published = new ArrayList<>();
    private Optional<Path> uploadsFolder = Optional.empty();

    void add(Path temporary, Path target) {
      temporaries.add(temporary);
      targets.add(target);
    }

    @Override
    public synchronized void publish() {
      try {
        for (int i = 0; i < temporaries.size(); i++) {
          Files.move(temporaries.get(i), targets.get(i), StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          published.add(targets.get(i));
        }
      } catch (IOException e) {
        throw failure("give the enrollment files their names", e);
      }
    }

    @Override
    public synchronized void discard() {
      List<Path> leftovers = new ArrayList<>(published);
      leftovers.addAll(temporaries);
      IOException first = null;
      for (Path file : leftovers) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      published.clear();
      if (uploadsFolder.isPresent()) {
        try (Stream<Path> rest = Files.list(uploadsFolder.get())) {
          if (rest.findAny().isEmpty()) {
            Files.deleteIfExists(uploadsFolder.get());
          }
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw failure("delete the files of a failed enrollment", first);
      }
    }
  }

  private boolean keepsUploads() {
    return !(rawRetention.isZero() || rawRetention.isNegative());
  }

  @Override
  public boolean wantsCrops() {
    return debugCrops;
  }

  /**
   * Deletes the temporary files of enrollments that never finished (a crash between writing and publishing). Call at
   * start, before any enrollment runs.
   *
   * @return how many were deleted
   */
  public int purgeStaged() {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> staged = walk
          .filter(f -> f.getFileName().toString().startsWith(STAGED_PREFIX) && Files.isRegularFile(f))
          .toList();
      for (Path file : staged) {
        Files.deleteIfExists(file);
      }
      return staged.size();
    } catch (IOException | UncheckedIOException e) {
      throw failure("purge unfinished enrollment files",
          e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
    }
  }

  @Override
  public void erase(UserId user) {
    try {
      FileTree.delete(uploadsOf(user));
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
    if (POSIX) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Creates {@code folder} and any missing parents, readable by their owner only. */
  static void createPrivateDirectories(Path folder) throws IOException {
    if (POSIX) {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
    } else {
      Files.createDirectories(folder);
    }
  }

  /** Writes {@code bytes} to a new owner-only temporary file in {@code folder}, synced to disk. */
  private static Path writeTemporary(Path folder, byte[] bytes) throws IOException {
    Path file = POSIX
        ? Files.createTempFile(folder, STAGED_PREFIX, ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(folder, STAGED_PREFIX, ".tmp");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
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

  private static FaceAuthException failure(String what, IOException e) {
    return new FaceAuthException(ErrorCode.DATASET_IO_FAILED, "Cannot " + what + ": " + e.getMessage(), e);
  }
}
