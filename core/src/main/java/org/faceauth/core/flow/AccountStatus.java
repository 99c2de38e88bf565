package org.faceauth.core.flow;

import java.time.Clock;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.user.UserDirectory;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserStatus;

/**
 * An operator disabling or enabling a user, audited. A disabled user keeps their templates but is refused at
 * verification ({@link VerificationOutcome#USER_DISABLED}) and left out of identification; enabling restores both.
 * Thread-safe.
 */
public final class AccountStatus {
  private final UserDirectory users;
  private final AuditLog audit;
  private final Clock clock;

  public AccountStatus(UserDirectory users, AuditLog audit, Clock clock) {
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Sets {@code user}'s status and audits it ({@code disabled}/{@code enabled}, or {@code not_found}).
   *
   * @return false if there is no such user
   */
  public boolean set(UserId user, UserStatus status, RequestContext context) {
    boolean found = users.setStatus(user, status);
    AuditAction action = status == UserStatus.DISABLED ? AuditAction.DISABLE_USER : AuditAction.ENABLE_USER;
    String outcome = !found ? "not_found" : status == UserStatus.DISABLED ? "disabled" : "enabled";
    audit.record(new AuditEvent(clock.instant(), context.actor(), action, Optional.of(user.value()), Optional.empty(),
        outcome, Optional.empty(), context.requestId(), context.clientAddress()));
    return found;
  }
}
