package org.faceauth.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds the parameters of a statement built from optional filters (strings, ints and longs, in order). */
final class SqlParameters {
  private SqlParameters() {}

  static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      if (value instanceof Long number) {
        statement.setLong(i + 1, number);
      } else if (value instanceof Integer number) {
        statement.setInt(i + 1, number);
      } else if (value instanceof String text) {
        statement.setString(i + 1, text);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
      }
    }
  }
}
