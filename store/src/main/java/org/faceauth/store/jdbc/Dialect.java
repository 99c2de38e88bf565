package org.faceauth.store.jdbc;

import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/** The databases FaceAuth runs on, told apart by their JDBC URL. */
public enum Dialect {
  /** Embedded, one file, one node. */
  SQLITE,
  /** Server, several nodes kept in step with LISTEN/NOTIFY. */
  POSTGRESQL;

  /**
   * The dialect of a JDBC URL.
   *
   * @throws FaceAuthException {@link ErrorCode#INVALID_REQUEST} for any other database
   */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new FaceAuthException(
        ErrorCode.INVALID_REQUEST,
        "Unsupported database URL '" + jdbcUrl + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB.");
  }
}
