package org.faceauth.server.middleware;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.faceauth.server.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line per request on the {@code faceauth.access} logger, its facts as fields of the structured log line (see
 * {@code logging.structured.format.console}): method, path, status, durationMs, keyId and client, with requestId from
 * the logging context. Never the body or the query string: no image bytes, no embeddings, no key secrets.
 */
@Component
@Order(-90)
public final class AccessLogFilter extends OncePerRequestFilter {
  private static final Logger ACCESS = LoggerFactory.getLogger("faceauth.access");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      double durationMs = Math.round((System.nanoTime() - start) / 1e4) / 100.0;
      ACCESS.atInfo()
          .addKeyValue("method", request.getMethod())
          .addKeyValue("path", request.getRequestURI())
          .addKeyValue("status", response.getStatus())
          .addKeyValue("durationMs", durationMs)
          .addKeyValue("keyId", ApiKeys.keyId(request).orElse(null))
          .addKeyValue("client", request.getRemoteAddr())
          .log("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(), durationMs);
    }
  }
}
