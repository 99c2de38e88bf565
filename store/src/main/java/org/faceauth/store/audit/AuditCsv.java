package org.faceauth.store.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.faceauth.core.audit.AuditEvent;

/**
 * Audit events as CSV (RFC 4180, a header row), safe to open in a spreadsheet: a cell starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return is prefixed with {@code '} so that it is read as text,
 * never as a formula (CSV injection). Used by the admin API's export and {@code faceauth audit --format csv}.
 */
public final class AuditCsv implements AutoCloseable {
  /** The columns, in order. */
  public static final String[] HEADER = {
      "at", "actor", "action", "subject", "related_subject", "outcome", "score", "request_id", "client_address"};

  private final CSVPrinter printer;

  /** Starts a CSV document on {@code out} (the header row written at once). */
  public AuditCsv(Writer out) {
    try {
      this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one event as one row. */
  public void write(AuditEvent event) {
    try {
      printer.printRecord(
          event.at().toString(), safe(event.actor()), event.action().name().toLowerCase(Locale.ROOT),
          safe(event.subject().orElse("")), safe(event.relatedSubject().orElse("")), safe(event.outcome()),
          event.score().map(String::valueOf).orElse(""), safe(event.requestId().orElse("")),
          safe(event.clientAddress().orElse("")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code cell}, prefixed with {@code '} when a spreadsheet would read it as a formula. */
  public static String safe(String cell) {
    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      return "'" + cell;
    }
    return cell;
  }

  @Override
  public void close() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
