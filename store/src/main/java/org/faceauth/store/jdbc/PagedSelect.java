package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a filtered table, read in SQL: the number of rows the filter matches and the rows of the page, in a
 * stable order ({@code LIMIT}/{@code OFFSET}), so listings never load a whole table into memory.
 */
final class PagedSelect {
  private PagedSelect() {}

  /** Reads one row of the page. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** The rows of one page and how many rows match in all. */
  record Page<T>(List<T> items, long total) {}

  /**
   * @param columns the selected columns
   * @param from the table (with its alias, if {@code where} uses one)
   * @param where {@code ""} or a {@code " WHERE ..."} clause whose placeholders {@code parameters} fill, in order
   * @param orderBy a total order, so that pages neither repeat nor skip rows
   */
  static <T> Page<T> read(
      Connection c, String columns, String from, String where, List<Object> parameters, String orderBy, int page,
      int size, RowReader<T> reader) throws SQLException {
    long total;
    try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM " + from + where)) {
      SqlParameters.bind(count, parameters);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        total = rows.getLong(1);
      }
    }
    List<T> items = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT " + columns + " FROM " + from + where + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")) {
      List<Object> paged = new ArrayList<>(parameters);
      paged.add(size);
      paged.add((long) page * size);
      SqlParameters.bind(select, paged);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          items.add(reader.read(rows));
        }
      }
    }
    return new Page<>(items, total);
  }
}
