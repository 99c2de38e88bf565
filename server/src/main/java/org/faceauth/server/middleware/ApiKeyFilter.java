package org.faceauth.server.middleware;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.server.problem.Problems.Problem;
import org.faceauth.store.keys.ApiKey;
import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API keys in {@code X-API-Key}: app keys may verify (with or without a challenge), identify, detect and crop; admin keys may also manage users,
 * enroll and erase. Health, the token verification keys (JWKS), metrics, the API documents and anything outside
 * {@code /api/} need no key. 401 for a missing or unknown key, 403 for a key without the role.
 */
@Component
@Order(-50)
public final class ApiKeyFilter extends OncePerRequestFilter {
  public static final String HEADER = "X-API-Key";
  private static final String ATTRIBUTE = ApiKeyFilter.class.getName();
  private static final List<String> PUBLIC = List.of("/api/v1/health", "/api/v1/auth/jwks.json");
  private static final List<String> APP_PATHS =
      List.of("/api/v1/auth/verify", "/api/v1/auth/challenge", "/api/v1/auth/identify", "/api/v1/faces/detect",
          "/api/v1/faces/crop");

  private final ApiKeyStore keys;
  private final Problems problems;

  public ApiKeyFilter(ApiKeyStore keys, Problems problems) {
    this.keys = keys;
    this.problems = problems;
  }

  /** The id of the key that authenticated {@code request}, if any. */
  public static Optional<String> keyId(HttpServletRequest request) {
    return Optional.ofNullable(request.getAttribute(ATTRIBUTE)).map(k -> ((ApiKey) k).id());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/api/") || PUBLIC.contains(path) || "OPTIONS".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ApiKey> key = keys.authenticate(request.getHeader(HEADER));
    if (key.isEmpty()) {
      problems.write(Problem.of(new ApiException(ApiErrorCode.UNAUTHORIZED,
          "Send a valid API key in the " + HEADER + " header.")), request, response);
      return;
    }
    request.setAttribute(ATTRIBUTE, key.get());
    ApiKeyRole needed = APP_PATHS.contains(request.getRequestURI()) ? ApiKeyRole.APP : ApiKeyRole.ADMIN;
    if (needed == ApiKeyRole.ADMIN && key.get().role() != ApiKeyRole.ADMIN) {
      problems.write(Problem.of(new ApiException(ApiErrorCode.FORBIDDEN,
          "This needs an admin key; app keys may verify, identify, detect and crop.")), request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
