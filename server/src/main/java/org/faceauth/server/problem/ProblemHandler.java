package org.faceauth.server.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.server.api.UsersController;
import org.faceauth.server.problem.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every exception into one problem+json answer with a stable code. */
@RestControllerAdvice
public final class ProblemHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  private final Problems problems;

  public ProblemHandler(Problems problems) {
    this.problems = problems;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
    return problems.entity(Problem.of(e), request);
  }

  @ExceptionHandler(EnrollmentRejectedException.class)
  ResponseEntity<Map<String, Object>> rejected(EnrollmentRejectedException e, HttpServletRequest request) {
    List<Map<String, Object>> images = e.verdicts().stream().map(UsersController::verdict).toList();
    return problems.entity(new Problem(HttpStatus.UNPROCESSABLE_ENTITY, e.code().name(), "No usable enrollment image",
        e.getMessage(), Optional.empty(), Map.of("images", images)), request);
  }

  @ExceptionHandler(FaceAuthException.class)
  ResponseEntity<Map<String, Object>> core(FaceAuthException e, HttpServletRequest request) {
    HttpStatus status = statusOf(e.code());
    if (status.is5xxServerError()) {
      LOG.error("{} failed: {}", request.getRequestURI(), e.getMessage(), e);
    }
    return problems.entity(
        new Problem(status, e.code().name(), titleOf(e.code()), e.getMessage(), Optional.empty(), Map.of()), request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.PAYLOAD_TOO_LARGE,
        "The upload is larger than the server accepts (" + e.getMaxUploadSize() + " bytes per file).")), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "Send multipart/form-data or application/json (" + e.getMessage() + ").")), request);
  }

  @ExceptionHandler({
    MissingServletRequestPartException.class,
    MissingServletRequestParameterException.class,
    HttpMessageNotReadableException.class,
    MethodArgumentTypeMismatchException.class,
    MultipartException.class
  })
  ResponseEntity<Map<String, Object>> badRequest(Exception e, HttpServletRequest request) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return problems.entity(Problem.of(api), request);
      }
    }
    String detail = e instanceof HttpMessageNotReadableException
        ? "The request body is not valid JSON of the expected shape."
        : e.getMessage();
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST, detail)), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.METHOD_NOT_ALLOWED, e.getMessage())), request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(NoResourceFoundException e, HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.NOT_FOUND,
        "No such resource: " + request.getRequestURI())), request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("{} failed unexpectedly", request.getRequestURI(), e);
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.INTERNAL_ERROR,
        "Something went wrong on the server; the request id identifies it in the logs.")), request);
  }

  static HttpStatus statusOf(ErrorCode code) {
    return switch (code) {
      case IMAGE_EMPTY, INVALID_USER_ID, INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
      case IMAGE_TOO_LARGE, IMAGE_TOO_MANY_PIXELS -> HttpStatus.PAYLOAD_TOO_LARGE;
      case IMAGE_UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case IMAGE_TOO_SMALL, IMAGE_TRUNCATED, IMAGE_CORRUPT, ENROLLMENT_REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
      case USER_NOT_FOUND -> HttpStatus.NOT_FOUND;
      case NO_TEMPLATES_FOR_MODEL, DUPLICATE_FACE, USER_EXISTS, CHALLENGE_UNKNOWN -> HttpStatus.CONFLICT;
      case CHALLENGE_EXPIRED -> HttpStatus.GONE;
      case MODEL_MISSING, MODEL_CHECKSUM_MISMATCH, MODEL_LOAD_FAILED, STORE_FAILED -> HttpStatus.SERVICE_UNAVAILABLE;
      case MODEL_INFERENCE_FAILED, EMBEDDING_MODEL_MISMATCH, TEMPLATE_KEY_MISSING, TEMPLATE_KEY_MISMATCH,
          DATASET_IO_FAILED -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  private static String titleOf(ErrorCode code) {
    return switch (code.family()) {
      case INVALID_IMAGE -> "Unusable image";
      case MODEL -> "Model unavailable";
      case INVALID_REQUEST -> "Malformed request";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case REJECTED -> "Rejected";
      case STORAGE -> "Storage failure";
    };
  }
}
