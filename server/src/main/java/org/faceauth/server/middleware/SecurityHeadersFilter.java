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
 * scores and tokens), and a strict content security policy for the API and for the pages people use (landing, login,
 * enrollment, admin console: their own files only, no inline code; the docs pages keep their own needs).
 */
@Component
@Order(-80)
public final class SecurityHeadersFilter extends OncePerRequestFilter {
  static final String PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    String path = request.getRequestURI();
    if (path.startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    } else if (path.equals("/enroll") || path.startsWith("/enroll/")) {
      // The enrollment page: its own files only, no inline script or style, nothing from elsewhere, never cached
      // (the invitation's secret passes through it).
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("Content-Security-Policy",
          "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    } else if (path.equals("/") || path.equals("/index.html") || path.equals("/login") || path.startsWith("/login/")
        || path.equals("/admin") || path.startsWith("/admin/")) {
      // The landing, login and admin pages: their own scripts and styles only (no inline code), no plugins, no framing.
      response.setHeader("Content-Security-Policy", PAGE_POLICY);
    }
    chain.doFilter(request, response);
  }
}
