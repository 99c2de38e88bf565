package org.faceauth.server.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.view.ImageVerdictView;
import org.faceauth.server.middleware.RequestIdFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * FaceAuth's one error format: RFC 7807 {@code application/problem+json} with a stable {@code code}, the request id,
 * and {@code Retry-After} when waiting helps. Used by the exception handler and by the filters that answer before a
 * controller runs. Counts every problem by code for the metrics.
 */
@Component
public final class Problems {
  /** The problem media type. */
  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private final ObjectMapper mapper;
  private final MeterRegistry metrics;

  public Problems(ObjectMapper mapper, MeterRegistry metrics) {
    this.mapper = mapper;
    this.metrics = metrics;
  }

  /** One problem to send; its title is its status's (see {@link ErrorStatus}). */
  public record Problem(
      HttpStatus status, String code, String detail, Optional<Long> retryAfterSeconds,
      Optional<List<ImageVerdictView>> images) {
    public static Problem of(ApiException e) {
      return new Problem(ErrorStatus.of(e.code()), e.code().name(), e.getMessage(), e.retryAfterSeconds(),
          Optional.empty());
    }

    /** The problem {@code code} stands for, in its own sentence ({@link ApiErrorCode#sentence}). */
    public static Problem of(ApiErrorCode code) {
      return new Problem(ErrorStatus.of(code), code.name(), code.sentence(), Optional.empty(), Optional.empty());
    }

    public String title() {
      return ErrorStatus.title(status);
    }
  }

  public ResponseEntity<ProblemBody> entity(Problem problem, HttpServletRequest request) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON);
    problem.retryAfterSeconds().ifPresent(s -> builder.header(HttpHeaders.RETRY_AFTER, Long.toString(s)));
    return builder.body(body(problem, request, null, null));
  }

  /** Writes the problem straight to the response (for filters). */
  public void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
    send(problem, body(problem, request, null, null), PROBLEM_JSON, response);
  }

  /**
   * Writes {@code problem} with an OAuth 2.0 error beside its fields ({@code error}, and {@code error_description}
   * when not null), as {@code mediaType}: problem+json, or {@code application/json} where OAuth 2.0 names that type
   * (RFC 6749's token endpoint and the endpoints that follow it), so that OAuth clients read {@code error}.
   */
  public void writeOAuthError(Problem problem, String error, String description, MediaType mediaType,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    send(problem, body(problem, request, error, description), mediaType, response);
  }

  private void send(Problem problem, ProblemBody body, MediaType mediaType, HttpServletResponse response)
      throws IOException {
    response.setStatus(problem.status().value());
    response.setContentType(mediaType.toString());
    problem.retryAfterSeconds().ifPresent(s -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(s)));
    mapper.writeValue(response.getOutputStream(), body);
  }

  /**
   * The body of {@code problem}, counted by code and status; {@code error} and {@code errorDescription} are an OAuth
   * 2.0 error's, or null.
   */
  private ProblemBody body(Problem problem, HttpServletRequest request, String error, String errorDescription) {
    Counter.builder("faceauth.problems")
        .description("Error answers (problem+json) by code and HTTP status")
        .tag("code", problem.code()).tag("status", Integer.toString(problem.status().value()))
        .register(metrics).increment();
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return new ProblemBody("urn:faceauth:problem:" + problem.code(), problem.title(), problem.status().value(),
        problem.detail(), original != null ? original.toString() : request.getRequestURI(), problem.code(),
        RequestIdFilter.requestId(request), problem.retryAfterSeconds().orElse(null), problem.images().orElse(null),
        error, errorDescription);
  }

}
