package org.faceauth.server.middleware;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.faceauth.server.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One JSON line per request on the {@code faceauth.access} logger: time, method, path, status, duration, request id,
 * API key id and client address. Never the body: no image bytes, no embeddings, no query string.
 */
@Component
@Order(-90)
public final class AccessLogFilter extends OncePerRequestFilter {
  private static final Logger ACCESS = LoggerFactory.getLogger("faceauth.access");

  private final ObjectMapper mapper;
  private final Clock clock;

  public AccessLogFilter(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("time", clock.instant().toString());
      line.put("method", request.getMethod());
      line.put("path", request.getRequestURI());
      line.put("status", response.getStatus());
      line.put("durationMs", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
      line.put("requestId", RequestIdFilter.requestId(request));
      line.put("keyId", ApiKeys.keyId(request).orElse(null));
      line.put("client", request.getRemoteAddr());
      ACCESS.info(mapper.writeValueAsString(line));
    }
  }
}
