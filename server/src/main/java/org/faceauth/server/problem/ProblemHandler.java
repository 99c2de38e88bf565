package org.faceauth.server.problem;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRejectedException;
import org.faceauth.core.view.EnrollmentView;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception into one problem+json answer with a stable code and a sentence of our own: never a server
 * path, a JDBC URL or an exception's text (those go to the server log, under the request id).
 */
@RestControllerAdvice
public final class ProblemHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  private final Problems problems;
  private final MultipartProperties multipart;
  private final long maxRequestBytes;

  public ProblemHandler(Problems problems, MultipartProperties multipart, ServerSettings settings) {
    this.problems = problems;
    this.multipart = multipart;
    this.maxRequestBytes = settings.upload().maxRequestBytes();
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemBody> api(ApiException e, HttpServletRequest request) {
    return problems.entity(Problem.of(e), request);
  }

  @ExceptionHandler(EnrollmentRejectedException.class)
  ResponseEntity<ProblemBody> rejected(EnrollmentRejectedException e, HttpServletRequest request) {
    return problems.entity(new Problem(ErrorStatus.of(e.code()), e.code().name(), e.getMessage(), Optional.empty(),
        Optional.of(EnrollmentView.verdicts(e.verdicts()))), request);
  }

  @ExceptionHandler(FaceAuthException.class)
  ResponseEntity<ProblemBody> core(FaceAuthException e, HttpServletRequest request) {
    HttpStatus status = ErrorStatus.of(e.code());
    Optional<String> internal = internalSentence(e.code());
    if (status.is5xxServerError() || internal.isPresent()) {
      LOG.error("{} failed: {} {}", request.getRequestURI(), e.code(), e.getMessage(), e);
    }
    return problems.entity(new Problem(status, e.code().name(), internal.orElse(e.getMessage()), Optional.empty(),
        Optional.empty()), request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemBody> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.PAYLOAD_TOO_LARGE,
        "Uploads may have at most " + multipart.getMaxFileSize().toBytes() + " bytes per file and "
            + Math.min(multipart.getMaxRequestSize().toBytes(), maxRequestBytes) + " bytes per request.")), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemBody> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    String accepted = e.getSupportedMediaTypes().stream().map(t -> t.getType() + "/" + t.getSubtype()).distinct()
        .collect(Collectors.joining(" or "));
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
        accepted.isEmpty() ? ApiErrorCode.UNSUPPORTED_MEDIA_TYPE.sentence() : "Send " + accepted + ".")), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return problems.entity(Problem.of(api), request);
      }
      if (cause instanceof StreamConstraintsException) {
        return problems.entity(Problem.of(new ApiException(ApiErrorCode.PAYLOAD_TOO_LARGE,
            "A JSON value is longer than the server accepts (" + maxRequestBytes + " bytes per request).")), request);
      }
    }
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
        "The request body is not valid JSON of the expected shape.")), request);
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemBody> multipart(MultipartException e, HttpServletRequest request) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return problems.entity(Problem.of(api), request);
      }
    }
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
        "The multipart body is malformed.")), request);
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemBody> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
        "The part '" + e.getRequestPartName() + "' is missing.")), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemBody> missingParameter(MissingServletRequestParameterException e,
      HttpServletRequest request) {
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
        "The parameter '" + e.getParameterName() + "' is missing.")), request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemBody> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT);
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
        "The parameter '" + e.getName() + "' must be a " + type + ".")), request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemBody> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    String allowed = e.getSupportedMethods() == null ? "" : String.join(", ", e.getSupportedMethods());
    return problems.entity(Problem.of(new ApiException(ApiErrorCode.METHOD_NOT_ALLOWED,
        allowed.isEmpty() ? ApiErrorCode.METHOD_NOT_ALLOWED.sentence() : "Use " + allowed + " here.")), request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemBody> notFound(NoResourceFoundException e, HttpServletRequest request) {
    return problems.entity(Problem.of(ApiErrorCode.NOT_FOUND), request);
  }

  /** Spring MVC's other failures that carry their own HTTP status: that status, our code and sentence. */
  @ExceptionHandler(ErrorResponseException.class)
  ResponseEntity<ProblemBody> spring(ErrorResponseException e, HttpServletRequest request) {
    return byStatus(e.getStatusCode().value(), e, request);
  }

  @ExceptionHandler({HttpMediaTypeNotAcceptableException.class, ServletRequestBindingException.class,
      HandlerMethodValidationException.class, MethodArgumentNotValidException.class})
  ResponseEntity<ProblemBody> springBinding(Exception e, HttpServletRequest request) {
    return byStatus(((ErrorResponse) e).getStatusCode().value(), e, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemBody> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("{} failed unexpectedly", request.getRequestURI(), e);
    return problems.entity(Problem.of(ApiErrorCode.INTERNAL_ERROR), request);
  }

  private ResponseEntity<ProblemBody> byStatus(int status, Exception e, HttpServletRequest request) {
    ApiErrorCode code = ApiErrorCode.forStatus(status);
    if (ErrorStatus.of(code).is5xxServerError()) {
      LOG.error("{} failed", request.getRequestURI(), e);
    }
    return problems.entity(Problem.of(code), request);
  }

  /**
   * A fixed sentence for failures whose message names server internals (model files, the database, key files,
   * dataset folders): the message itself goes only to the server log, under the request id.
   */
  static Optional<String> internalSentence(ErrorCode code) {
    String operator = " The operator can find the cause in the server log by the request id.";
    return switch (code) {
      case MODEL_MISSING, MODEL_CHECKSUM_MISMATCH, MODEL_LOAD_FAILED ->
          Optional.of("A face model the server needs is not available." + operator);
      case MODEL_INFERENCE_FAILED, EMBEDDING_MODEL_MISMATCH ->
          Optional.of("The face models failed on this request." + operator);
      case STORE_FAILED -> Optional.of("The server could not use its database." + operator);
      case TEMPLATE_KEY_MISSING, TEMPLATE_KEY_MISMATCH ->
          Optional.of("The server cannot read its encrypted face templates." + operator);
      case DATASET_IO_FAILED -> Optional.of("The server could not read or write its face files." + operator);
      case BACKUP_INVALID -> Optional.of("The server could not use a backup file." + operator);
      default -> Optional.empty();
    };
  }
}
