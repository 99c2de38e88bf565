package org.faceauth.core.audit;

import java.util.List;

/** Append-only record of enrollments, authentications and erasures. Thread-safe. */
public interface AuditLog {
  void record(AuditEvent event);

  /** The latest {@code limit} events, newest first. */
  List<AuditEvent> recent(int limit);
}
