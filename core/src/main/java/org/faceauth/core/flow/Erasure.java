package org.faceauth.core.flow;

import java.util.List;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.template.TemplateIndex;
import org.faceauth.core.template.TemplateStore;
import org.faceauth.core.user.UserId;

/**
 * Erasure: a user's database rows, files under dataset/ and place in the index, gone together under the user's lock.
 * The audit log keeps a pseudonymous record that an erasure happened.
 */
final class Erasure {
  private final TemplateStore store;
  private final FaceArchive archive;
  private final TemplateIndex index;
  private final UserLocks locks;
  private final FlowAudit audit;

  Erasure(TemplateStore store, FaceArchive archive, TemplateIndex index, UserLocks locks, FlowAudit audit) {
    this.store = store;
    this.archive = archive;
    this.index = index;
    this.locks = locks;
    this.audit = audit;
  }

  boolean erase(UserId userId, RequestContext context) {
    return locks.under(userId, () -> {
      Optional<String> pseudonym = store.erase(userId);
      archive.erase(userId);
      index.replace(userId, List.of());
      audit.record(context, AuditAction.ERASE, pseudonym, pseudonym.isPresent() ? "erased" : "not_found",
          Optional.empty());
      return pseudonym.isPresent();
    });
  }
}
