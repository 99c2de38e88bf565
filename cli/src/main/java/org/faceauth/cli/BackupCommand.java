package org.faceauth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.faceauth.store.backup.BackupContents;
import org.faceauth.store.backup.SqliteBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth backup FILE [--key-out KEYS]}: a consistent single-file copy of the SQLite store, taken while the
 * server runs. The file holds the templates encrypted; the key ring is written only where {@code --key-out} says, and
 * otherwise the command names the key file the operator must keep.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the SQLite store into FILE while the server keeps serving (users, encrypted templates, API keys, audit, "
          + "lockouts). The key ring is not in it: keep the key file apart, or write a copy with --key-out.",
      "For PostgreSQL use pg_dump (README, \"Backup and restore\")."
    })
final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(paramLabel = "FILE", description = "The backup file to write; must not exist.")
  Path file;

  @Option(
      names = "--key-out",
      paramLabel = "KEYS",
      description = "Also write the template key ring to KEYS (owner-only; must not exist nor lie in FILE's folder). "
          + "Keep it apart from the backup: restore needs both.")
  Path keyOut;

  /** The JSON line printed: the file, what it holds, and where its key ring is. */
  record Output(
      String backup, long bytes, String schemaVersion, int users, int templates, int apiKeys, List<String> keyIds,
      String keyRing, String keyRingExportedTo) {}

  @Override
  public Integer call() {
    SqliteBackup.Result result = new SqliteBackup(store.settings()).create(file, Optional.ofNullable(keyOut));
    BackupContents contents = result.contents();
    Json.println(spec.commandLine().getOut(), new Output(
        result.file().toString(), result.bytes(), contents.schemaVersion(), contents.users(), contents.templates(),
        contents.apiKeys(), contents.keyIds(), result.keyRing(), keyOut == null ? null : keyOut.toString()));
    if (result.exportedKeyIds().isPresent()) {
      spec.commandLine().getErr().println("The key ring (" + String.join(", ", result.exportedKeyIds().get())
          + ") is in " + keyOut + ": keep it apart from the backup; restore takes it with --keys.");
    } else if (!contents.keyIds().isEmpty()) {
      spec.commandLine().getErr().println("The backup's templates need key " + String.join(", ", contents.keyIds())
          + ", which is not in the backup: keep a copy of " + result.keyRing()
          + " apart from it (or run backup with --key-out), or the backup cannot be restored.");
    }
    return FaceAuthCli.EXIT_OK;
  }
}
