package org.faceauth.server.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.faceauth.server.problem.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's error page ({@code /error}, where the container forwards failures that happen outside a controller,
 * such as an exception from a filter) as problem+json: the {@link ApiException} when that is the cause, else the code
 * for the status with a fixed sentence. Asked for directly, it is just a missing resource.
 */
@Hidden
@RestController
public final class ProblemErrorController implements ErrorController {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

  private final Problems problems;

  public ProblemErrorController(Problems problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemBody> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return problems.entity(Problem.of(api), request);
      }
    }
    ApiErrorCode code = status instanceof Integer s ? ApiErrorCode.forStatus(s) : ApiErrorCode.NOT_FOUND;
    if (ErrorStatus.of(code).is5xxServerError()) {
      LOG.error("{} failed outside a controller", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
    }
    return problems.entity(Problem.of(code), request);
  }
}
