package org.faceauth.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;
import picocli.CommandLine.Option;

/**
 * {@code --db URL} and {@code --data-dir DIR}: which database and data directory a command works on. Defaults, the
 * template key, raw retention, debug crops, liveness and lockout come from the same {@code FACEAUTH_*} settings as the
 * server's ({@link Settings}).
 */
final class StoreOptions {
  @Option(
      names = "--db",
      paramLabel = "URL",
      description = "JDBC URL (default: $FACEAUTH_DB_URL, else SQLite in the data directory).")
  String databaseUrl;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: SQLite file, key file, dataset/ (default: $FACEAUTH_DATA_DIR, else data in the "
          + "current folder).")
  Path dataDirectory;

  /** The former name of {@code --data-dir}, still accepted. */
  @Option(names = "--data", paramLabel = "DIR", hidden = true)
  void formerDataDirectory(Path directory) {
    dataDirectory = directory;
  }

  StoreSettings settings() {
    StoreSettings settings = Settings.environment().store();
    if (dataDirectory != null) {
      settings = settings.withDataDirectory(dataDirectory);
    }
    return databaseUrl == null ? settings : settings.withDatabaseUrl(databaseUrl);
  }

  /** The engine and the stored system over it, closed together. */
  record Session(FaceEngine engine, FaceAuthSystem system) implements AutoCloseable {
    @Override
    public void close() {
      try {
        system.close();
      } finally {
        engine.close();
      }
    }
  }

  /**
   * Opens the store with a lazily loading engine (models load when a flow first needs them). Liveness and the lockout
   * apply as on the server; unknown user ids are named as such, since whoever runs the command line can read the
   * database.
   */
  Session open(EngineConfig engineConfig) {
    FaceEngine engine = FaceEngine.lazy(engineConfig);
    ServerSettings server = Settings.environment();
    try {
      return new Session(engine, FaceAuthSystem.open(settings(), engine, Clock.systemUTC(), server.livenessPolicy(),
          server.loginPolicy().withHideUnknownUsers(false)));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }
}
