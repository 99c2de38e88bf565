package org.faceauth.store.testing;

import java.nio.file.Path;

/** The databases every storage test runs on. */
public enum BackendKind {
  SQLITE,
  POSTGRESQL;

  public Backend create(Path folder) {
    return this == SQLITE ? new Backend.Sqlite(folder) : Backend.Postgres.fresh();
  }
}
