package org.faceauth.server.middleware;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every answer: no MIME sniffing, no framing, no referrer, no caching of API answers (they carry
 * scores and tokens), and a strict content security policy for the API and the enrollment page (the docs pages keep
 * their own needs).
 */
@Component
@Order(-80)
public final class SecurityHeadersFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    if (request.getRequestURI().startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    } else if (request.getRequestURI().equals("/enroll") || request.getRequestURI().startsWith("/enroll/")) {
      // The enrollment page: its own files only, no inline script or style, nothing from elsewhere.
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("Content-Security-Policy",
          "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
    chain.doFilter(request, response);
  }
}
