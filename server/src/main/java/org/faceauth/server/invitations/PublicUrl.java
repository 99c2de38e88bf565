package org.faceauth.server.invitations;

import java.net.URI;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.server.config.ServerSettings;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address people reach this server at, for the links it hands out and as the OpenID Connect provider's issuer:
 * {@code faceauth.public-url}
 * ({@code FACEAUTH_PUBLIC_URL}), else {@code http://localhost:<port>}. Never taken from a request's Host header, which
 * the caller chooses.
 */
@Component
public final class PublicUrl {
  private final String configured;
  private final Environment environment;

  PublicUrl(ServerSettings settings, Environment environment) {
    this.environment = environment;
    this.configured = settings.publicUrl() == null || settings.publicUrl().isBlank()
        ? null
        : checked(settings.publicUrl().strip());
  }

  private static String checked(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw invalid(url);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(url);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static FaceAuthException invalid(String url) {
    return new FaceAuthException(ErrorCode.INVALID_REQUEST, "faceauth.public-url (FACEAUTH_PUBLIC_URL) must be an "
        + "http or https address without query or fragment, such as https://faceauth.example.org, not '" + url
        + "'.");
  }

  /** The base address, without a trailing slash. */
  public String base() {
    if (configured != null) {
      return configured;
    }
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }

  /** The enrollment page's link for an invitation's secret: in the fragment, so it never reaches a server's logs. */
  String enrollment(String secret) {
    return base() + "/enroll#" + secret;
  }
}
