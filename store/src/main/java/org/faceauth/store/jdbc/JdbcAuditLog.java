package org.faceauth.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.audit.AuditPage;
import org.faceauth.core.audit.AuditQuery;
import org.faceauth.core.audit.AuditSearch;
import org.faceauth.core.user.UserId;

/**
 * The audit log in the {@code audit_log} table (SQLite or PostgreSQL): each event one insert; searches filtered and
 * paged in SQL, newest first. Thread-safe.
 */
public final class JdbcAuditLog implements AuditLog, AuditSearch {
  private static final String EVENT_COLUMNS =
      "at, actor, action, subject, related_subject, outcome, score, request_id, client_address";

  private final Database database;

  /** @param database an open, migrated database (owned by the caller) */
  public JdbcAuditLog(Database database) {
    this.database = database;
  }

  @Override
  public void record(AuditEvent event) {
    database.transaction(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO audit_log (id, at, actor, action, subject, outcome, score, request_id, client_address, "
              + "related_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setLong(2, event.at().toEpochMilli());
        insert.setString(3, event.actor());
        insert.setString(4, event.action().name());
        insert.setString(5, event.subject().orElse(null));
        insert.setString(6, event.outcome());
        if (event.score().isPresent()) {
          insert.setDouble(7, event.score().get());
        } else {
          insert.setNull(7, Types.DOUBLE);
        }
        insert.setString(8, event.requestId().orElse(null));
        insert.setString(9, event.clientAddress().orElse(null));
        insert.setString(10, event.relatedSubject().orElse(null));
        insert.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<AuditEvent> recent(int limit) {
    return database.query(c -> {
      List<AuditEvent> events = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement(
          "SELECT " + EVENT_COLUMNS + " FROM audit_log ORDER BY at DESC, id LIMIT ?")) {
        select.setInt(1, limit);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            events.add(readEvent(rows));
          }
        }
      }
      return events;
    });
  }

  @Override
  public AuditPage search(AuditQuery query) {
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    query.user().ifPresent(user -> {
      conditions.add("(subject = ? OR related_subject = ?)");
      parameters.add(user);
      parameters.add(user);
    });
    query.action().ifPresent(action -> {
      conditions.add("action = ?");
      parameters.add(action.name());
    });
    query.outcome().ifPresent(outcome -> {
      conditions.add("outcome = ?");
      parameters.add(outcome);
    });
    query.from().ifPresent(from -> {
      conditions.add("at >= ?");
      parameters.add(from.toEpochMilli());
    });
    query.to().ifPresent(to -> {
      conditions.add("at < ?");
      parameters.add(to.toEpochMilli());
    });
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return database.query(c -> {
      PagedSelect.Page<AuditEvent> page = PagedSelect.read(c, EVENT_COLUMNS, "audit_log", where, parameters,
          "at DESC, id", query.page(), query.size(), JdbcAuditLog::readEvent);
      return new AuditPage(page.items(), page.total());
    });
  }

  /**
   * Replaces {@code user} by {@code alias} wherever the log names them, inside the caller's transaction (an erasure).
   */
  static void pseudonymise(Connection c, UserId user, String alias) throws SQLException {
    for (String column : List.of("subject", "related_subject")) {
      try (PreparedStatement audit =
          c.prepareStatement("UPDATE audit_log SET " + column + " = ? WHERE " + column + " = ?")) {
        audit.setString(1, alias);
        audit.setString(2, user.value());
        audit.executeUpdate();
      }
    }
  }

  private static AuditEvent readEvent(ResultSet rows) throws SQLException {
    double score = rows.getDouble("score");
    boolean hasScore = !rows.wasNull();
    return new AuditEvent(
        Instant.ofEpochMilli(rows.getLong("at")), rows.getString("actor"),
        AuditAction.valueOf(rows.getString("action")), Optional.ofNullable(rows.getString("subject")),
        Optional.ofNullable(rows.getString("related_subject")),
        rows.getString("outcome"), hasScore ? Optional.of(score) : Optional.empty(),
        Optional.ofNullable(rows.getString("request_id")),
        Optional.ofNullable(rows.getString("client_address")));
  }
}
