package org.faceauth.core.audit;

/** Reading the audit log back for operators: filtered and paged where it is stored. Thread-safe. */
public interface AuditSearch {
  /** The events matching {@code query}, newest first, one page. */
  AuditPage search(AuditQuery query);
}
