package org.faceauth.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditPage;
import org.faceauth.core.audit.AuditQuery;
import org.faceauth.store.audit.AuditCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code faceauth audit}: the audit log filtered like the admin API's {@code /api/v1/admin/audit} (user, action,
 * outcome, time range), newest first, one page, as JSON lines or as spreadsheet-safe CSV.
 */
@Command(name = "audit", description = "Print the audit log (newest first), filtered, as JSON lines or CSV.")
final class AuditCommand extends StoreCommand {
  /** How the events are printed. */
  enum Format { JSON, CSV }

  @Option(names = "--user", paramLabel = "ID", description = "Only events about this user id (or pseudonym).")
  String user;

  @Option(names = "--action", paramLabel = "ACTION", converter = ActionConverter.class,
      description = "Only this action: verify, identify, enroll, create_user, erase, lockout, unlock, disable_user, "
          + "enable_user, create_api_key, revoke_api_key, rotate_api_key, rotate_key, rebuild.")
  AuditAction action;

  @Option(names = "--outcome", paramLabel = "OUTCOME",
      description = "Only this outcome (match, no_match, locked, ...).")
  String outcome;

  @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "Only events at or after this ISO-8601 instant (2026-01-31T12:00:00Z).")
  Instant from;

  @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "Only events before this ISO-8601 instant.")
  Instant to;

  @Option(names = "--page", defaultValue = "0", description = "Page number, from 0 (default: ${DEFAULT-VALUE}).")
  int page;

  @Option(names = "--size", defaultValue = "100",
      description = "Events per page, 1 to 10000 (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--format", defaultValue = "json", converter = FormatConverter.class,
      description = "json (one object per line) or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  int run(StoreOptions.Session session) {
    AuditQuery query = new AuditQuery(Optional.ofNullable(user), Optional.ofNullable(action),
        Optional.ofNullable(outcome), Optional.ofNullable(from), Optional.ofNullable(to), page, size);
    AuditPage found = session.system().auditLog().search(query);
    PrintWriter out = out();
    if (format == Format.CSV) {
      try (AuditCsv csv = new AuditCsv(out)) {
        found.items().forEach(csv::write);
      }
    } else {
      found.items().forEach(event -> Json.println(out, json(event)));
    }
    out.flush();
    return FaceAuthCli.EXIT_OK;
  }

  private static Object json(AuditEvent event) {
    return Json.object(
        "at", event.at().toString(),
        "actor", event.actor(),
        "action", event.action().name().toLowerCase(Locale.ROOT),
        "subject", event.subject().orElse(null),
        "relatedSubject", event.relatedSubject().orElse(null),
        "outcome", event.outcome(),
        "score", event.score().orElse(null),
        "requestId", event.requestId().orElse(null),
        "clientAddress", event.clientAddress().orElse(null));
  }

  static final class ActionConverter implements ITypeConverter<AuditAction> {
    @Override
    public AuditAction convert(String value) {
      try {
        return AuditAction.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("unknown action '" + value + "'");
      }
    }
  }

  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant such as "
            + "2026-01-31T12:00:00Z");
      }
    }
  }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("format is json or csv");
      }
    }
  }
}
