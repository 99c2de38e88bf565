package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Invitation <secret>}; a request without that scheme stays as it is (anonymous, or
 * authenticated by its API key).
 */
final class InvitationAuthenticationConverter implements AuthenticationConverter {
  static final String SCHEME = "Invitation ";

  @Override
  public Authentication convert(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() <= SCHEME.length()
        || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return InvitationAuthentication.unchecked(header.substring(SCHEME.length()).strip());
  }
}
