package org.faceauth.core.audit;

import java.time.Instant;
import java.util.Objects;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import java.util.Optional;

/**
 * Which audit events an operator asks for, newest first, one page at a time.
 *
 * @param user events whose subject or related subject is this id (or pseudonym), if given
 * @param action events of this action, if given
 * @param outcome events with exactly this outcome ({@code match}, {@code locked}, ...), if given
 * @param from events at or after this instant, if given
 * @param to events before this instant, if given
 * @param page the page number, from 0
 * @param size events per page, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(
    Optional<String> user, Optional<AuditAction> action, Optional<String> outcome, Optional<Instant> from,
    Optional<Instant> to, int page, int size) {
  /** Most events one page (or one export) may hold. */
  public static final int MAX_SIZE = 10_000;

  /** Highest page number accepted (bounds the OFFSET a query may ask the database to skip). */
  public static final int MAX_PAGE = 100_000;

  /** Longest user or outcome filter accepted (the columns are no longer). */
  public static final int MAX_TEXT = 100;

  public AuditQuery {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(outcome, "outcome");
    user = user.map(String::strip).filter(s -> !s.isEmpty());
    outcome = outcome.map(String::strip).filter(s -> !s.isEmpty());
    if (user.map(String::length).orElse(0) > MAX_TEXT || outcome.map(String::length).orElse(0) > MAX_TEXT) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The user and outcome filters are at most " + MAX_TEXT + " characters.");
    }
    if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The page must be 0 to " + MAX_PAGE + " and size 1 to " + MAX_SIZE + " (got " + page + ", " + size + ").");
    }
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The time range must start before it ends.");
    }
  }
}
