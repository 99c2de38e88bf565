package org.faceauth.store.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.store.PrivateDataDirectory;
import org.faceauth.store.StoreSettings;
import org.faceauth.store.crypto.KeyRing;
import org.faceauth.store.crypto.KeyRingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a live SQLite store into one self-contained file with {@code VACUUM INTO}, while servers keep reading and
 * writing it. The copy is one read transaction: in WAL mode it sees exactly the transactions committed before it
 * began and neither waits for nor blocks writers, so an enrollment (one transaction) is in it whole or not at all.
 * {@code VACUUM INTO} was chosen over SQLite's page-copying backup API ({@code backup to} in xerial's driver) because
 * that API restarts whenever another connection writes, so under a steady enrollment load it may never finish, and it
 * copies free pages too, while {@code VACUUM INTO} writes only live rows (nothing an erasure freed). The file holds the
 * templates encrypted, never the key ring: the result names the keys it needs and where they are, and on request the
 * ring that was checked against the copy is written to a separate file.
 */
public final class SqliteBackup {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteBackup.class);
  private static final int BUSY_TIMEOUT_MS = 30_000;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final StoreSettings settings;

  public SqliteBackup(StoreSettings settings) {
    this.settings = settings;
  }

  /**
   * What a backup wrote.
   *
   * @param file the backup file (owner-only)
   * @param bytes its size
   * @param contents what it holds, read back from it
   * @param keyRing where the key ring that decrypts it is kept: the key file's path or {@code FACEAUTH_TEMPLATE_KEY}
   * @param exportedKeyIds the ids of the keys written to the separate key ring file, if one was asked for
   */
  public record Result(
      Path file, long bytes, BackupContents contents, String keyRing, Optional<List<String>> exportedKeyIds) {}

  /**
   * Writes a consistent copy of the store's SQLite database to {@code target}, which must not exist yet and must not
   * be in the folder that holds the key file. The copy is written under a temporary name beside {@code target},
   * checked (integrity, schema, every key it needs present in the store's key ring), then renamed into place.
   *
   * @param keyRingOut where to write the store's key ring as well (owner-only): a file that does not exist, outside
   *     {@code target}'s folder, since the operator keeps the two apart (either alone reveals no template)
   * @throws FaceAuthException {@link ErrorCode#INVALID_REQUEST} when the store is not SQLite or a target is not
   *     acceptable; {@link ErrorCode#STORE_FAILED} when the database cannot be copied; a key code when the key ring
   *     cannot be read or lacks a key the copy needs. On failure no backup file is left behind.
   */
  public Result create(Path target, Optional<Path> keyRingOut) {
    Path database = sqliteDatabase(settings);
    if (!Files.isRegularFile(database)) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED,
          "There is no FaceAuth database at " + database + " to back up: is this the server's data directory?");
    }
    Path folder = target.toAbsolutePath().getParent();
    if (Files.exists(target)) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          target + " already exists; a backup never overwrites a file: choose another name.");
    }
    if (!Files.isDirectory(folder)) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST, "The folder " + folder + " does not exist.");
    }
    if (settings.templateKey().isEmpty() && sameFolder(folder, settings.keyFile())) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "A backup in " + folder + " would lie beside the template key file " + settings.keyFile()
              + ": write it to another folder, so that whoever gets the backup does not get the key.");
    }
    keyRingOut.ifPresent(keyFile -> requireApart(keyFile, folder));
    Path temporary = createOwnerOnly(folder, ".faceauth-backup-");
    try {
      snapshot(database, temporary);
      BackupContents contents = new SqliteBackupFile(temporary).inspect(target);
      KeyRing ring = keyRing(settings);
      List<String> missing = contents.keyIds().stream().filter(id -> ring.key(id).isEmpty()).toList();
      if (!missing.isEmpty()) {
        throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING,
            "The store's key ring (" + keyRingSource(settings) + ") lacks key " + String.join(", ", missing)
                + " that the copied templates need: was the key rotated during the backup? Run it again.");
      }
      keyRingOut.ifPresent(keyFile -> new KeyRingFile(keyFile).save(ring));
      force(temporary);
      moveIntoPlace(temporary, target);
      return new Result(
          target, Files.size(target), contents, keyRingSource(settings), keyRingOut.map(keyFile -> ring.ids()));
    } catch (IOException e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED, "Cannot write the backup " + target + ": "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void requireApart(Path keyFile, Path backupFolder) {
    if (Files.exists(keyFile)) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          keyFile + " already exists; the key ring is never written over a file: choose another name.");
    }
    if (sameFolder(backupFolder, keyFile)) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The key ring must not lie beside the backup in " + backupFolder
              + ": write it to another folder (or medium) and keep the two apart.");
    }
  }

  /** The SQLite database file of {@code settings}, or a refusal naming the PostgreSQL tools. */
  static Path sqliteDatabase(StoreSettings settings) {
    return PrivateDataDirectory.sqliteFile(settings.databaseUrl()).orElseThrow(() -> new FaceAuthException(
        ErrorCode.INVALID_REQUEST,
        "backup and restore copy a SQLite store; this store is " + (settings.databaseUrl().startsWith(
            "jdbc:postgresql:") ? "PostgreSQL: use pg_dump and pg_restore (README, \"Backup and restore\")."
            : "not a SQLite file.")));
  }

  /** How an operator sets the template key directly, as messages name it. */
  static final String TEMPLATE_KEY_SETTING = "FACEAUTH_TEMPLATE_KEY (faceauth.template-key)";

  /** The key ring the store's settings name (the key given directly, else the key file), without creating one. */
  static KeyRing keyRing(StoreSettings settings) {
    return settings.templateKey().map(KeyRing::ofBase64).orElseGet(() -> new KeyRingFile(settings.keyFile()).load());
  }

  static String keyRingSource(StoreSettings settings) {
    return settings.templateKey().isPresent() ? TEMPLATE_KEY_SETTING : settings.keyFile().toString();
  }

  /** One {@code VACUUM INTO} from a connection of our own (not the pool, so nothing is migrated or written). */
  private static void snapshot(Path database, Path into) {
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath(), properties)) {
      try (PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
        vacuum.setString(1, into.toAbsolutePath().toString());
        vacuum.execute();
      }
    } catch (SQLException e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED,
          "Cannot copy the database " + database + ": " + e.getMessage(), e);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + into.toAbsolutePath());
        Statement pragma = c.createStatement()) {
      pragma.execute("PRAGMA journal_mode=DELETE");
    } catch (SQLException e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED,
          "Cannot make the copy of " + database + " a single file: " + e.getMessage(), e);
    }
  }

  static Path createOwnerOnly(Path folder, String prefix) {
    try {
      FileAttribute<?>[] attributes = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
      return Files.createTempFile(folder, prefix, ".tmp", attributes);
    } catch (IOException e) {
      throw new FaceAuthException(ErrorCode.STORE_FAILED,
          "Cannot create a file in " + folder + ": " + e.getMessage(), e);
    }
  }

  static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target);
    }
  }

  static void deleteQuietly(Path file) {
    for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
      try {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      } catch (IOException e) {
        LOG.warn("Cannot delete the temporary file {}: {}", file, e.getMessage());
      }
    }
  }

  private static boolean sameFolder(Path folder, Path file) {
    Optional<Path> parent = Optional.ofNullable(file.toAbsolutePath().normalize().getParent());
    return parent.map(p -> p.equals(folder.toAbsolutePath().normalize())).orElse(false);
  }
}
