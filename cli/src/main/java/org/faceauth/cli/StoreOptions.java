package org.faceauth.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;
import picocli.CommandLine.Option;

/**
 * {@code --db URL} and {@code --data DIR}: which database and data directory the user commands work on. Defaults
 * come from {@code FACEAUTH_DB_URL} and {@code FACEAUTH_DATA_DIR} (else SQLite under {@code ./data}); the key, raw
 * retention and debug crops from their environment variables.
 */
final class StoreOptions {
  @Option(
      names = "--db",
      paramLabel = "URL",
      description = "JDBC URL (default: $FACEAUTH_DB_URL, else SQLite in the data directory).")
  String databaseUrl;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory: SQLite file, key file, dataset/ (default: $FACEAUTH_DATA_DIR, else ./data).")
  Path dataDirectory;

  StoreSettings settings() {
    StoreSettings settings = StoreSettings.fromEnvironment(System.getenv());
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
   * Opens the store with a lazily loading engine (models load when a flow first needs them). The lockout applies as
   * on the server; unknown user ids are named as such, since whoever runs the command line can read the database.
   */
  Session open(EngineOptions engineOptions, Workers workers) {
    FaceEngine engine = FaceEngine.lazy(engineOptions.config(workers.inference()));
    try {
      return new Session(engine, FaceAuthSystem.open(settings(), engine, Clock.systemUTC(), LivenessPolicy.DEFAULT,
          LoginPolicy.DEFAULT.withHideUnknownUsers(false)));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }
}
