package org.faceauth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.faceauth.store.backup.BackupContents;
import org.faceauth.store.backup.SqliteRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth restore FILE [--keys KEYS] [--force]}: a backup made by {@code faceauth backup} becomes the data
 * directory's database, after its integrity, schema and keys were checked on a copy.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore a backup made by faceauth backup into the data directory (stop the server first). The backup is "
          + "checked first (SQLite integrity, schema version, every template decrypting with the key ring); a "
          + "failed check changes nothing.",
      "For PostgreSQL use pg_restore (README, \"Backup and restore\")."
    })
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(paramLabel = "FILE", description = "The backup file.")
  Path file;

  @Option(
      names = "--keys",
      paramLabel = "KEYS",
      description = "The key ring saved with the backup (backup --key-out); it becomes the data directory's key "
          + "file. Without it, the key the data directory already has must read the backup.")
  Path keys;

  @Option(
      names = "--force",
      description = "Replace a database that is not empty (and a key file holding other keys).")
  boolean force;

  /** The JSON line printed: what was restored where. */
  record Output(
      String restored, String database, String keyFile, boolean replaced, String schemaVersion, int users,
      int templates, int apiKeys, List<String> keyIds) {}

  @Override
  public Integer call() {
    SqliteRestore.Result result = new SqliteRestore(store.settings()).restore(file, Optional.ofNullable(keys), force);
    BackupContents contents = result.contents();
    Json.println(spec.commandLine().getOut(), new Output(
        file.toString(), result.database().toString(), result.keyFile().map(Path::toString).orElse(null),
        result.replaced(), contents.schemaVersion(), contents.users(), contents.templates(), contents.apiKeys(),
        contents.keyIds()));
    return FaceAuthCli.EXIT_OK;
  }
}
