package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Reads the {@value ApiKeys#HEADER} header; a request without one stays anonymous. */
final class ApiKeyAuthenticationConverter implements AuthenticationConverter {
  @Override
  public Authentication convert(HttpServletRequest request) {
    String secret = request.getHeader(ApiKeys.HEADER);
    return secret == null ? null : ApiKeyAuthentication.unchecked(secret);
  }
}
