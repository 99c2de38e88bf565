package org.faceauth.store.invitations;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored enrollment invitation (never its secret, which is shown once, inside the link).
 *
 * @param id public id, safe to log and show
 * @param userId the user id the invited person enrolls as
 * @param displayName the name shown to the invited person and stored with a new user, if given
 * @param createdBy who made it (the audit actor, e.g. {@code key:<id>} or {@code cli})
 * @param createdAt when it was made
 * @param expiresAt when it stops working
 * @param openedAt when the link was first opened, if it was
 * @param consentedAt when the invited person accepted the consent text, if they did
 * @param usedAt when an enrollment consumed it, if one did
 * @param revokedAt when an operator revoked it, if one did
 * @param replaceExisting whether the operator allowed it to replace the face of a user who already has templates
 */
public record Invitation(
    String id, String userId, Optional<String> displayName, String createdBy, Instant createdAt, Instant expiresAt,
    Optional<Instant> openedAt, Optional<Instant> consentedAt, Optional<Instant> usedAt, Optional<Instant> revokedAt,
    boolean replaceExisting) {

  /** Where an invitation stands. */
  public enum Status { PENDING, USED, REVOKED, EXPIRED }

  /** Its status at {@code now}: used and revoked win over expired, so a link used in time stays "used". */
  public Status status(Instant now) {
    if (usedAt.isPresent()) {
      return Status.USED;
    }
    if (revokedAt.isPresent()) {
      return Status.REVOKED;
    }
    return now.isBefore(expiresAt) ? Status.PENDING : Status.EXPIRED;
  }
}
