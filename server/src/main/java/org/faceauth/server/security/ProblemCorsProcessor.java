package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, with a refused cross-origin request answered as a 403 {@code FORBIDDEN} problem. */
final class ProblemCorsProcessor extends DefaultCorsProcessor {
  private final Problems problems;

  ProblemCorsProcessor(Problems problems) {
    this.problems = problems;
  }

  @Override
  public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean allowed = super.processRequest(config, request, response);
    if (!allowed) {
      problems.write(Problem.of(new ApiException(ApiErrorCode.FORBIDDEN,
          "This origin may not call the API from a browser (faceauth.cors-origins).")), request, response);
    }
    return allowed;
  }

  /** Leaves the answer to {@link #processRequest}, which writes it as a problem. */
  @Override
  protected void rejectRequest(ServerHttpResponse response) {
  }
}
