package org.faceauth.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how FaceAuth keeps its data.
 *
 * @param dataDirectory holds the SQLite file, the key file and {@code dataset/} by default
 * @param databaseUrl JDBC URL; SQLite under the data directory unless set
 * @param templateKey base64 AES-256 key given directly (takes precedence over the key file)
 * @param keyFile the key ring file, created on first start when no key is given
 * @param rawRetention how long raw enrollment uploads are kept ({@link Duration#ZERO}: not kept)
 * @param debugCrops whether aligned crops are written to {@code dataset/processed/users}
 */
public record StoreSettings(
    Path dataDirectory,
    String databaseUrl,
    Optional<String> templateKey,
    Path keyFile,
    Duration rawRetention,
    boolean debugCrops) {
  public StoreSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(templateKey, "templateKey");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(rawRetention, "rawRetention");
  }

  /** The embedded default: SQLite and a key file under {@code dataDirectory}, nothing raw kept. */
  public static StoreSettings embedded(Path dataDirectory) {
    return new StoreSettings(
        dataDirectory, sqliteUrl(dataDirectory), Optional.empty(), dataDirectory.resolve("template.keys"),
        Duration.ZERO, false);
  }

  /**
   * The same settings under another data directory: the SQLite file and the key file move with it unless they were
   * set explicitly elsewhere.
   */
  public StoreSettings withDataDirectory(Path directory) {
    StoreSettings before = embedded(dataDirectory);
    StoreSettings after = embedded(directory);
    return new StoreSettings(
        directory,
        databaseUrl.equals(before.databaseUrl()) ? after.databaseUrl() : databaseUrl,
        templateKey,
        keyFile.equals(before.keyFile()) ? after.keyFile() : keyFile,
        rawRetention,
        debugCrops);
  }

  public StoreSettings withKeyFile(Path file) {
    return new StoreSettings(dataDirectory, databaseUrl, templateKey, file, rawRetention, debugCrops);
  }

  public StoreSettings withDatabaseUrl(String url) {
    return new StoreSettings(dataDirectory, url, templateKey, keyFile, rawRetention, debugCrops);
  }

  public StoreSettings withRawRetention(Duration retention) {
    return new StoreSettings(dataDirectory, databaseUrl, templateKey, keyFile, retention, debugCrops);
  }

  public StoreSettings withDebugCrops(boolean crops) {
    return new StoreSettings(dataDirectory, databaseUrl, templateKey, keyFile, rawRetention, crops);
  }

  public StoreSettings withTemplateKey(Optional<String> key) {
    return new StoreSettings(dataDirectory, databaseUrl, key, keyFile, rawRetention, debugCrops);
  }

  /** FaceAuth's own dataset folder. */
  public Path datasetDirectory() {
    return dataDirectory.resolve("dataset");
  }

  /** The JDBC URL of the SQLite file under {@code dataDirectory}. */
  public static String sqliteUrl(Path dataDirectory) {
    return "jdbc:sqlite:" + dataDirectory.resolve("faceauth.db").toAbsolutePath();
  }
}
