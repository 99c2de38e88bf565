package org.faceauth.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.faceauth.server.middleware.RequestIdFilter;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * How the authorization endpoint answers a refused request. When the client and its redirect URI were recognised,
 * the error goes back to that URI as OAuth 2.0 says (as Spring Authorization Server does); otherwise (unknown
 * {@code client_id}, unregistered {@code redirect_uri}) the browser gets problem+json {@code
 * AUTHORIZATION_REQUEST_REFUSED} with the OAuth 2.0 {@code error} and {@code error_description}. Either way the error
 * is logged at INFO with the request id. Only Spring Authorization Server's error codes and descriptions are passed
 * on (they name a parameter, never a value, a path or exception text); a description that is not short printable
 * text is left out.
 */
public final class AuthorizationErrors implements AuthenticationFailureHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationErrors.class);
  private static final Pattern SAFE_DESCRIPTION = Pattern.compile("[\\x20-\\x7E]{1,200}");

  private final Problems problems;
  private final RedirectStrategy redirects = new DefaultRedirectStrategy();

  public AuthorizationErrors(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth
        ? oauth.getError()
        : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
    String description = error.getDescription() != null && SAFE_DESCRIPTION.matcher(error.getDescription()).matches()
        ? error.getDescription()
        : null;
    OAuth2AuthorizationCodeRequestAuthenticationToken authorization =
        exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException refused
            ? refused.getAuthorizationCodeRequestAuthentication()
            : null;
    boolean toClient = authorization != null && authorization.getRedirectUri() != null
        && !authorization.getRedirectUri().isBlank();
    LOG.info("Authorization request refused: {}{} ({}), request {}", error.getErrorCode(),
        description == null ? "" : ": " + description, toClient ? "sent to the client's redirect URI" : "answered here",
        RequestIdFilter.requestId(request));
    if (!toClient) {
      problems.writeOAuthError(Problems.Problem.of(ApiErrorCode.AUTHORIZATION_REQUEST_REFUSED),
          error.getErrorCode(), description, Problems.PROBLEM_JSON, request, response);
      return;
    }
    UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
        .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
    if (description != null) {
      uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, UriUtils.encode(description, StandardCharsets.UTF_8));
    }
    if (error.getUri() != null && !error.getUri().isBlank()) {
      uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
    }
    if (authorization.getState() != null && !authorization.getState().isBlank()) {
      uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(authorization.getState(), StandardCharsets.UTF_8));
    }
    redirects.sendRedirect(request, response, uri.build(true).toUriString());
  }
}
