package org.faceauth.core.audit;

import java.util.List;

/**
 * One page of an {@link AuditQuery}'s answer.
 *
 * @param items the events on this page, newest first
 * @param total how many events match the query on all pages
 */
public record AuditPage(List<AuditEvent> items, long total) {
  public AuditPage {
    items = List.copyOf(items);
  }
}
