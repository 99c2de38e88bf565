package org.faceauth.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps FaceAuth's data readable by its owner only (POSIX): the data directory and every folder in it 0700, every file
 * 0600, whatever they were before (a looser existing directory is tightened, and the log says so). The SQLite file is
 * created 0600 before SQLite opens it, so the {@code -wal} and {@code -shm} files SQLite creates next to it take the
 * same mode; existing ones are tightened too. Does nothing on file systems without POSIX permissions.
 */
public final class PrivateDataDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateDataDirectory.class);
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateDataDirectory() {}

  /**
   * Creates or tightens the data directory, its contents and the SQLite database files of {@code settings}.
   *
   * @throws FaceAuthException {@link ErrorCode#DATASET_IO_FAILED} when the data directory is a file, or a permission
   *     cannot be read or set
   */
  public static void secure(StoreSettings settings) {
    Path directory = settings.dataDirectory();
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new FaceAuthException(ErrorCode.DATASET_IO_FAILED, "The data directory " + directory.toAbsolutePath()
          + " is not a directory (it is a file); give --data-dir (FACEAUTH_DATA_DIR) a folder, or a path that does "
          + "not exist yet.");
    }
    try {
      if (!Files.isDirectory(directory)) {
        if (POSIX) {
          Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
          Files.createDirectories(directory);
        }
      }
      if (!POSIX) {
        return;
      }
      int tightened = 0;
      try (Stream<Path> walk = Files.walk(directory)) {
        for (Path path : walk.toList()) {
          tightened += tighten(path) ? 1 : 0;
        }
      }
      Optional<Path> database = sqliteFile(settings.databaseUrl());
      if (database.isPresent()) {
        Path file = database.get();
        if (!Files.exists(file) && Files.isDirectory(file.toAbsolutePath().getParent())) {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
          Path companion = file.resolveSibling(file.getFileName() + suffix);
          if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
            tightened += tighten(companion) ? 1 : 0;
          }
        }
      }
      if (tightened > 0) {
        LOG.warn("Tightened the permissions of {} file(s) and folder(s) in the data directory {} to owner-only "
            + "(folders 0700, files 0600).", tightened, directory.toAbsolutePath());
      }
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new FaceAuthException(ErrorCode.DATASET_IO_FAILED,
          "Cannot make the data directory " + directory + " private: " + cause.getMessage(), cause);
    }
  }

  /** Sets owner-only permissions on a folder or regular file (not through links); whether they changed. */
  private static boolean tighten(Path path) throws IOException {
    Set<PosixFilePermission> wanted;
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      wanted = FOLDER;
    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      wanted = FILE;
    } else {
      return false;
    }
    if (Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
      return false;
    }
    Files.setPosixFilePermissions(path, wanted);
    return true;
  }

  /** The file of a SQLite JDBC URL ({@code jdbc:sqlite:FILE[?options]}), unless it is in memory. */
  public static Optional<Path> sqliteFile(String url) {
    if (!url.startsWith("jdbc:sqlite:")) {
      return Optional.empty();
    }
    String rest = url.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    String file = query >= 0 ? rest.substring(0, query) : rest;
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(file));
  }
}
