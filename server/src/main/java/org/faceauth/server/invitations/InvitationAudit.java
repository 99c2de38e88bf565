package org.faceauth.server.invitations;

import java.time.Clock;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.flow.RequestContext;
import org.springframework.stereotype.Component;

/**
 * Audit events of invitations: the invited user id as subject (so an erasure pseudonymises them like the user's other
 * events), the invitation's id in the outcome.
 */
@Component
final class InvitationAudit {
  private final AuditLog log;
  private final Clock clock;

  InvitationAudit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void record(RequestContext context, AuditAction action, String userId, String outcome, String invitationId) {
    log.record(new AuditEvent(clock.instant(), context.actor(), action, Optional.of(userId), Optional.empty(),
        outcome + " invitation:" + invitationId, Optional.empty(), context.requestId(), context.clientAddress()));
  }
}
