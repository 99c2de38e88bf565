package org.faceauth.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log. Never holds biometric data: no image, no embedding, only who did what to whom, the
 * outcome and (for comparisons) the score.
 *
 * @param at when
 * @param actor who asked (an API client, {@code cli}, …)
 * @param action what was done
 * @param subject the user acted on, when there is one (a pseudonym once that user is erased)
 * @param relatedSubject another user the event concerns, e.g. the owner of a duplicate face (a pseudonym once that
 *     user is erased); user ids appear only in these two fields, never in free text
 * @param outcome how it ended, e.g. {@code accepted}, {@code rejected}, {@code match}, {@code no_match}
 * @param score the similarity score of a comparison
 * @param requestId the request's correlation id
 * @param clientAddress where the request came from
 */
public record AuditEvent(
    Instant at,
    String actor,
    AuditAction action,
    Optional<String> subject,
    Optional<String> relatedSubject,
    String outcome,
    Optional<Double> score,
    Optional<String> requestId,
    Optional<String> clientAddress) {
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(relatedSubject, "relatedSubject");
    Objects.requireNonNull(outcome, "outcome");
  }
}
