package org.faceauth.store.backup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.store.PrivateDataDirectory;
import org.faceauth.store.StoreSettings;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.KeyRingFile;

/**
 * Brings a backup made by {@link SqliteBackup} back as the SQLite database of a data directory. Everything is checked
 * on a private copy before the data directory changes: SQLite's integrity and foreign keys, the schema (a FaceAuth
 * schema no newer than this version's; an older one is migrated when the store is next opened), and every template
 * decrypting with the key ring that will read it. A non-empty store is replaced only when forced, and never while a
 * process has it open. The result is owner-only like the rest of the data directory.
 */
public final class SqliteRestore {
  private final StoreSettings target;

  public SqliteRestore(StoreSettings target) {
    this.target = target;
  }

  /**
   * What a restore did.
   *
   * @param database the database file written
   * @param keyFile the key file written from the given key ring, if one was given
   * @param contents what the restored database holds
   * @param replaced whether a non-empty database was replaced
   */
  public record Result(Path database, Optional<Path> keyFile, BackupContents contents, boolean replaced) {}

  /**
   * Restores {@code backup}.
   *
   * @param keyRingFile the key ring saved with the backup; it becomes the data directory's key file. Without it, the
   *     key the target's settings name (the key given directly, or an existing key file) must read the backup
   * @param force whether a non-empty database (and a different key file) may be replaced
   * @throws FaceAuthException {@link ErrorCode#BACKUP_INVALID} for a damaged or foreign backup;
   *     {@link ErrorCode#INVALID_REQUEST} when the target is not SQLite, is in use, or is not empty and not forced;
   *     {@link ErrorCode#TEMPLATE_KEY_MISSING} or {@link ErrorCode#TEMPLATE_KEY_MISMATCH} when the key does not read
   *     the backup. In every such case the data directory is left as it was.
   */
  public Result restore(Path backup, Optional<Path> keyRingFile, boolean force) {
    Path database = SqliteBackup.sqliteDatabase(target);
    if (!Files.isRegularFile(backup)) {
      throw new FaceAuthException(ErrorCode.BACKUP_INVALID, "There is no backup file " + backup + ".");
    }
    if (keyRingFile.isPresent() && target.templateKey().isPresent()) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The target takes its template key from " + SqliteBackup.TEMPLATE_KEY_SETTING + ", so a key ring file would "
              + "not be used: unset it, or restore without a key ring file.");
    }
    requireNotInUse(database);
    boolean replacing = holdsData(database);
    if (replacing && !force) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The database " + database + " is not empty; restoring would replace it. Restore into a new data "
              + "directory, or force the replacement.");
    }
    Optional<KeyRing> ring = keyRingFile.map(file -> new KeyRingFile(file).load()).or(this::configuredRing);
    String ringSource = keyRingFile.map(Path::toString).orElseGet(() -> SqliteBackup.keyRingSource(target));
    if (keyRingFile.isPresent() && Files.exists(target.keyFile()) && !force
        && !new KeyRingFile(target.keyFile()).load().ids().equals(ring.orElseThrow().ids())) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The key file " + target.keyFile() + " holds other keys than " + keyRingFile.get()
              + "; restoring would replace it. Force the replacement if its keys are no longer needed.");
    }

    Path folder = database.toAbsolutePath().getParent();
    createPrivateFolder(folder);
    Path copy = SqliteBackup.createOwnerOnly(folder, ".faceauth-restore-");
    try {
      Files.copy(backup, copy, StandardCopyOption.REPLACE_EXISTING);
      SqliteBackupFile file = new SqliteBackupFile(copy);
      BackupContents contents = file.inspect(backup);
      if (ring.isPresent()) {
        file.requireDecryptable(backup, contents, ring.get(), ringSource);
      } else if (contents.templates() > 0) {
        throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING,
            "The templates in " + backup + " are encrypted with key " + String.join(", ", contents.keyIds())
                + " and no key ring was given (and " + target.keyFile() + " does not exist): give the key ring "
                + "saved with this backup (faceauth restore --keys FILE). Nothing was restored.");
      }
      SqliteBackup.force(copy);
      if (keyRingFile.isPresent()) {
        new KeyRingFile(target.keyFile()).save(ring.orElseThrow());
      }
      Files.move(copy, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      PrivateDataDirectory.secure(target);
      return new Result(database, keyRingFile.map(f -> target.keyFile()), contents, replacing);
    } catch (IOException e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED,
          "Cannot restore " + backup + " into " + database + ": " + e.getMessage(), e);
    } finally {
      SqliteBackup.deleteQuietly(copy);
    }
  }

  /** The ring the target's settings name, if they name one that exists (a backup without templates needs none). */
  private Optional<KeyRing> configuredRing() {
    if (target.templateKey().isEmpty() && !Files.exists(target.keyFile())) {
      return Optional.empty();
    }
    return Optional.of(SqliteBackup.keyRing(target));
  }

  /** The folder of the database, made owner-only (0700) when it is created here. */
  private static void createPrivateFolder(Path folder) {
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw new FaceAuthException(
          ErrorCode.STORE_FAILED, "Cannot create the folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Refuses while SQLite's companion files show that a process has the database open (or crashed with it open). */
  private static void requireNotInUse(Path database) {
    for (String suffix : List.of("-wal", "-shm", "-journal")) {
      Path companion = database.resolveSibling(database.getFileName() + suffix);
      if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS)) {
        throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
            "The database " + database + " is open (" + companion.getFileName() + " exists): stop the server and "
                + "every command using this data directory first. If none runs, a crash left it: open the store "
                + "once (faceauth users) so SQLite folds it in, then restore.");
      }
    }
  }

  private static boolean holdsData(Path database) {
    try {
      return Files.exists(database) && Files.size(database) > 0;
    } catch (IOException e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED, "Cannot read " + database + ": " + e.getMessage(), e);
    }
  }
}
