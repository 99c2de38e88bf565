package org.faceauth.core.user;

import java.util.Objects;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import java.util.Optional;

/**
 * Which users an operator asks for: an id or display-name prefix, optional filters, and one page of the answer (ordered
 * by id, so pages are stable).
 *
 * @param prefix matches ids or display names starting with it (case-insensitive for names), if given
 * @param disabled only disabled (true) or only active (false) users, if given
 * @param locked only users whose verification is locked now (true) or not locked (false), if given
 * @param enrolled only users with at least one template (true) or with none (false), if given
 * @param page the page number, from 0
 * @param size users per page, 1 to {@value #MAX_SIZE}
 */
public record UserQuery(
    Optional<String> prefix, Optional<Boolean> disabled, Optional<Boolean> locked, Optional<Boolean> enrolled,
    int page, int size) {
  /** Most users one page may hold. */
  public static final int MAX_SIZE = 200;

  /** Longest prefix accepted (a user id or a name is never longer). */
  public static final int MAX_PREFIX = 200;

  /** Highest page number accepted (bounds the OFFSET a query may ask the database to skip). */
  public static final int MAX_PAGE = 100_000;

  public UserQuery {
    Objects.requireNonNull(prefix, "prefix");
    prefix = prefix.map(String::strip).filter(p -> !p.isEmpty());
    if (prefix.isPresent() && prefix.get().length() > MAX_PREFIX) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The search prefix is at most " + MAX_PREFIX + " characters.");
    }
    if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
      throw new FaceAuthException(ErrorCode.INVALID_REQUEST,
          "The page must be 0 to " + MAX_PAGE + " and size 1 to " + MAX_SIZE + " (got " + page + ", " + size + ").");
    }
  }

  /** The same query, on page {@code number}. */
  public UserQuery onPage(int number) {
    return new UserQuery(prefix, disabled, locked, enrolled, number, size);
  }

  /** Every user, first page of {@code size}. */
  public static UserQuery all(int size) {
    return new UserQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, size);
  }
}
