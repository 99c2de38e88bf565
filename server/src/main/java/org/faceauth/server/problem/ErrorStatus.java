package org.faceauth.server.problem;

import org.faceauth.core.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The one table from a failure's code to its HTTP status, for every core {@link ErrorCode} and every
 * {@link ApiErrorCode}; a problem's title is its status's reason phrase, so the two cannot disagree.
 */
public final class ErrorStatus {
  private ErrorStatus() {}

  /** The status a core failure is answered with. */
  public static HttpStatus of(ErrorCode code) {
    return switch (code) {
      case IMAGE_EMPTY, INVALID_USER_ID, INVALID_REQUEST, BACKUP_INVALID -> HttpStatus.BAD_REQUEST;
      case IMAGE_TOO_LARGE, IMAGE_TOO_MANY_PIXELS -> HttpStatus.PAYLOAD_TOO_LARGE;
      case IMAGE_UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case IMAGE_TOO_SMALL, IMAGE_TRUNCATED, IMAGE_CORRUPT, ENROLLMENT_REJECTED, CONSENT_REQUIRED, FACES_DIFFER ->
          HttpStatus.UNPROCESSABLE_ENTITY;
      case USER_NOT_FOUND -> HttpStatus.NOT_FOUND;
      case NO_TEMPLATES_FOR_MODEL, USER_NOT_ENROLLED, DUPLICATE_FACE, USER_EXISTS, CHALLENGE_UNKNOWN,
          USER_ALREADY_ENROLLED ->
          HttpStatus.CONFLICT;
      case CHALLENGE_EXPIRED -> HttpStatus.GONE;
      case MODEL_MISSING, MODEL_CHECKSUM_MISMATCH, MODEL_LOAD_FAILED, STORE_FAILED -> HttpStatus.SERVICE_UNAVAILABLE;
      case MODEL_INFERENCE_FAILED, EMBEDDING_MODEL_MISMATCH, TEMPLATE_KEY_MISSING, TEMPLATE_KEY_MISMATCH,
          DATASET_IO_FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  /** The status a failure known only at the HTTP boundary is answered with. */
  public static HttpStatus of(ApiErrorCode code) {
    return switch (code) {
      case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
      case USER_LOCKED -> HttpStatus.LOCKED;
      case USER_DISABLED -> HttpStatus.FORBIDDEN;
      case OVERLOADED -> HttpStatus.SERVICE_UNAVAILABLE;
      case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
      case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
      case NO_FACE -> HttpStatus.UNPROCESSABLE_ENTITY;
      case INVITATION_USED, INVITATION_REVOKED, INVITATION_EXPIRED -> HttpStatus.GONE;
      case CSRF_REFUSED -> HttpStatus.FORBIDDEN;
      case NO_LOGIN_PENDING -> HttpStatus.CONFLICT;
      case AUTHORIZATION_REQUEST_REFUSED, OAUTH_REQUEST_REFUSED -> HttpStatus.BAD_REQUEST;
      case INVALID_TOKEN, INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
      case INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
      case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  /** A problem's title: the status's reason phrase ("Conflict", "Locked", ...). */
  public static String title(HttpStatus status) {
    return status.getReasonPhrase();
  }
}
