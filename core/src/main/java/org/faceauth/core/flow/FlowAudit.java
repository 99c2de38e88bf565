package org.faceauth.core.flow;

import java.time.Clock;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;

/** Writes the audit event of a flow's outcome, stamped with the flows' clock and the request's context. */
final class FlowAudit {
  private final AuditLog log;
  private final Clock clock;

  FlowAudit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void record(
      RequestContext context, AuditAction action, Optional<String> subject, String outcome, Optional<Double> score) {
    record(context, action, subject, Optional.empty(), outcome, score);
  }

  void record(
      RequestContext context, AuditAction action, Optional<String> subject, Optional<String> relatedSubject,
      String outcome, Optional<Double> score) {
    log.record(new AuditEvent(
        clock.instant(), context.actor(), action, subject, relatedSubject, outcome, score, context.requestId(),
        context.clientAddress()));
  }

  /** Milliseconds since {@code start}, a {@link System#nanoTime()} reading. */
  static double millisSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }
}
