package org.faceauth.server.oidc;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the provider's issuer for each of its requests: {@code faceauth.public-url}, else {@code
 * http://localhost:<port>}, never the request's Host header (which the caller chooses, and which Spring Authorization
 * Server would otherwise use when no issuer is configured; the port is known only once the server listens). Runs after
 * the provider's own context filter and replaces the context it set for the rest of the request.
 */
public final class FixedIssuer extends OncePerRequestFilter {
  private final Supplier<String> issuer;
  private final AuthorizationServerSettings settings;

  public FixedIssuer(Supplier<String> issuer, AuthorizationServerSettings settings) {
    this.issuer = issuer;
    this.settings = settings;
  }

  /** The issuer and the provider's settings, as the provider's endpoints read them. */
  private record Context(String getIssuer, AuthorizationServerSettings getAuthorizationServerSettings)
      implements AuthorizationServerContext {}

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    AuthorizationServerContext previous = AuthorizationServerContextHolder.getContext();
    AuthorizationServerContextHolder.setContext(new Context(issuer.get(), settings));
    try {
      chain.doFilter(request, response);
    } finally {
      if (previous == null) {
        AuthorizationServerContextHolder.resetContext();
      } else {
        AuthorizationServerContextHolder.setContext(previous);
      }
    }
  }
}
