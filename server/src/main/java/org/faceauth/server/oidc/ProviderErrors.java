package org.faceauth.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.faceauth.server.middleware.RequestIdFilter;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How the OpenID Connect provider's endpoints answer a refusal (the authorization endpoint's own refusals are
 * {@link AuthorizationErrors}'), always with a sentence of ours and the request id, never the library's error
 * description (which names parsers and exceptions, and quotes token times):
 *
 * <ul>
 *   <li>the user info endpoint, a protected resource (RFC 6750): problem+json {@code INVALID_TOKEN} (401; a token
 *       missing, malformed, badly signed, expired or revoked), {@code INSUFFICIENT_SCOPE} (403) or {@code
 *       BAD_REQUEST} (400), with {@code WWW-Authenticate: Bearer} and, when a token was sent, its {@code error};
 *   <li>the endpoints a client authenticates to (token, introspection, revocation, device authorization): RFC 6749's
 *       {@code application/json} error, which OAuth clients parse, with our {@code error_description} and the
 *       problem fields beside it: {@code INVALID_CLIENT} (401, with {@code WWW-Authenticate: Basic} when the client
 *       sent Basic credentials) or {@code OAUTH_REQUEST_REFUSED} (400);
 *   <li>a bad bearer token sent to any other provider endpoint: as at the user info endpoint;
 *   <li>any other provider endpoint asked without a signed-in person by a program (not a browser): problem+json
 *       {@code UNAUTHORIZED}.
 * </ul>
 *
 * The OAuth 2.0 error and the library's description are logged at INFO with the request id.
 */
public final class ProviderErrors implements AuthenticationEntryPoint, AccessDeniedHandler,
    AuthenticationFailureHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderErrors.class);
  private static final Pattern OAUTH_ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
  /** Our descriptions of the OAuth 2.0 errors the client endpoints answer. */
  private static final Map<String, String> CLIENT_ERROR_DESCRIPTIONS = Map.of(
      OAuth2ErrorCodes.INVALID_REQUEST, "A required parameter is missing, repeated or malformed.",
      OAuth2ErrorCodes.INVALID_CLIENT, ApiErrorCode.INVALID_CLIENT.sentence(),
      OAuth2ErrorCodes.INVALID_GRANT, "The authorization code is invalid, expired or already used, or was issued to "
          + "another client or redirect URI, or the code verifier does not match.",
      OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "This client may not use this grant or endpoint.",
      OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, "This provider supports the authorization_code grant only.",
      OAuth2ErrorCodes.INVALID_SCOPE, "The scope asked for is unknown or not registered for this client.",
      OAuth2ErrorCodes.UNSUPPORTED_TOKEN_TYPE, "This token type is not supported here.",
      OAuth2ErrorCodes.SERVER_ERROR, ApiErrorCode.INTERNAL_ERROR.sentence());

  private final Problems problems;
  private final RequestMatcher userInfo;
  private final RequestMatcher clientEndpoints;

  public ProviderErrors(Problems problems, AuthorizationServerSettings endpoints) {
    this.problems = problems;
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    this.userInfo = paths.matcher(endpoints.getOidcUserInfoEndpoint());
    this.clientEndpoints = new OrRequestMatcher(paths.matcher(endpoints.getTokenEndpoint()),
        paths.matcher(endpoints.getTokenIntrospectionEndpoint()),
        paths.matcher(endpoints.getTokenRevocationEndpoint()),
        paths.matcher(endpoints.getDeviceAuthorizationEndpoint()));
  }

  /** The endpoints that programs call (never a browser to be sent to the login page): user info and the clients'. */
  public RequestMatcher programEndpoints() {
    return new OrRequestMatcher(userInfo, clientEndpoints);
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    refuse(request, response, failure);
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    refuse(request, response, failure);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    if (userInfo.matches(request)) {
      bearer(request, response, Optional.of(new OAuth2Error(OAuth2ErrorCodes.INSUFFICIENT_SCOPE)));
    } else {
      problems.write(Problem.of(new ApiException(ApiErrorCode.FORBIDDEN, "This endpoint is not open to this caller.")),
          request, response);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    Optional<OAuth2Error> error = failure instanceof OAuth2AuthenticationException oauth
        ? Optional.of(oauth.getError())
        : Optional.empty();
    LOG.info("OpenID Connect provider refused {} {}: {}, request {}", request.getMethod(), request.getRequestURI(),
        error.map(e -> e.getErrorCode() + (e.getDescription() == null ? "" : ": " + e.getDescription()))
            .orElse("not authenticated"), RequestIdFilter.requestId(request));
    if (clientEndpoints.matches(request)) {
      client(request, response, error);
    } else if (userInfo.matches(request) || error.isPresent()) {
      // Elsewhere an OAuth 2.0 error here can only be a bearer token's, sent where none is needed.
      bearer(request, response, error);
    } else {
      problems.write(Problem.of(new ApiException(ApiErrorCode.UNAUTHORIZED,
          "Only a person signed in through the login page may call this; open it in a browser.")), request, response);
    }
  }

  /** RFC 6750: no error code when no token was sent, else the token's error, in the challenge and the body. */
  private void bearer(HttpServletRequest request, HttpServletResponse response, Optional<OAuth2Error> error)
      throws IOException {
    String oauthError = error.map(OAuth2Error::getErrorCode)
        .map(code -> code.equals(OAuth2ErrorCodes.INSUFFICIENT_SCOPE) || code.equals(OAuth2ErrorCodes.INVALID_REQUEST)
            ? code
            : OAuth2ErrorCodes.INVALID_TOKEN)
        .orElse(null);
    Problem refusal;
    String challenge;
    if (oauthError == null) {
      refusal = Problem.of(ApiErrorCode.INVALID_TOKEN);
      challenge = "Bearer";
    } else if (oauthError.equals(OAuth2ErrorCodes.INSUFFICIENT_SCOPE)) {
      refusal = Problem.of(ApiErrorCode.INSUFFICIENT_SCOPE);
      challenge = "Bearer error=\"insufficient_scope\", scope=\"" + OidcScopes.OPENID + "\"";
    } else if (oauthError.equals(OAuth2ErrorCodes.INVALID_REQUEST)) {
      refusal = Problem.of(new ApiException(ApiErrorCode.BAD_REQUEST,
          "Send the access token once, in the Authorization header only."));
      challenge = "Bearer error=\"invalid_request\"";
    } else {
      refusal = Problem.of(ApiErrorCode.INVALID_TOKEN);
      challenge = "Bearer error=\"invalid_token\"";
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    problems.writeOAuthError(refusal, oauthError, null, Problems.PROBLEM_JSON, request, response);
  }

  /** RFC 6749 section 5.2: {@code error} in {@code application/json}; no credentials at all is {@code invalid_client}. */
  private void client(HttpServletRequest request, HttpServletResponse response, Optional<OAuth2Error> error)
      throws IOException {
    String code = error.map(OAuth2Error::getErrorCode)
        .filter(c -> OAUTH_ERROR_CODE.matcher(c).matches())
        // A bearer token (refused by the resource server's filter) is no client credential.
        .filter(c -> !c.equals(OAuth2ErrorCodes.INVALID_TOKEN))
        .orElse(OAuth2ErrorCodes.INVALID_CLIENT);
    ApiErrorCode refusal = switch (code) {
      case OAuth2ErrorCodes.INVALID_CLIENT -> ApiErrorCode.INVALID_CLIENT;
      case OAuth2ErrorCodes.SERVER_ERROR -> ApiErrorCode.INTERNAL_ERROR;
      default -> ApiErrorCode.OAUTH_REQUEST_REFUSED;
    };
    String description = CLIENT_ERROR_DESCRIPTIONS.getOrDefault(code, refusal.sentence());
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (refusal == ApiErrorCode.INVALID_CLIENT && authorization != null
        && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"faceauth\"");
    }
    problems.writeOAuthError(Problem.of(new ApiException(refusal, description)), code, description,
        MediaType.APPLICATION_JSON, request, response);
  }
}
