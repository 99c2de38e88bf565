package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's refusals as problem+json: 401 {@code UNAUTHORIZED} without a valid key (or, on the enrollment
 * page's routes, without an invitation), 403 {@code FORBIDDEN} for
 * a key without the role on a route that exists (404 {@code NOT_FOUND} where no route exists, 405 where it exists for
 * other methods only), 400 {@code BAD_REQUEST} for a request the firewall rejects (the reason goes to the log).
 */
final class ProblemRefusals implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemRefusals.class);

  private final Problems problems;
  private final KnownRoutes routes;

  ProblemRefusals(Problems problems, KnownRoutes routes) {
    this.problems = problems;
    this.routes = routes;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String header = request.getHeader("Authorization");
    boolean invitation = header != null && header.regionMatches(true, 0, InvitationAuthenticationConverter.SCHEME, 0,
        InvitationAuthenticationConverter.SCHEME.length());
    String sentence;
    if (invitation) {
      sentence = "This invitation link is not valid; ask for a new one.";
    } else if (invitationRoute(request)) {
      sentence = "This is the enrollment page's call: send the invitation from its link as "
          + "'Authorization: Invitation inv_...'.";
    } else {
      sentence = ApiErrorCode.UNAUTHORIZED.sentence();
    }
    problems.write(Problem.of(new ApiException(ApiErrorCode.UNAUTHORIZED, sentence)), request, response);
  }

  private static boolean invitationRoute(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/api/v1/invitation") || path.startsWith("/api/v1/invitation/");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    ApiException refusal = switch (routes.match(request)) {
      case NONE -> new ApiException(ApiErrorCode.NOT_FOUND, ApiErrorCode.NOT_FOUND.sentence());
      case OTHER_METHOD ->
          new ApiException(ApiErrorCode.METHOD_NOT_ALLOWED, ApiErrorCode.METHOD_NOT_ALLOWED.sentence());
      case ROUTE -> new ApiException(ApiErrorCode.FORBIDDEN, forbidden(request));
    };
    problems.write(Problem.of(refusal), request, response);
  }

  private static String forbidden(HttpServletRequest request) {
    if (InvitationAuthentication.of(request).isPresent()) {
      return "An invitation allows its own enrollment page's calls only.";
    }
    if (invitationRoute(request)) {
      return "This is the enrollment page's call: it needs an invitation (Authorization: Invitation ...), not a key.";
    }
    return "This needs an admin key; app keys may verify, identify, detect and crop.";
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    LOG.info("request rejected by the firewall: {}", e.getMessage());
    problems.write(Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
        "The request path is not in canonical form (no ';' or '\\', no encoded '/', '%' or '.', no '//' or dot "
            + "segments), or a header is not printable.")), request, response);
  }
}
