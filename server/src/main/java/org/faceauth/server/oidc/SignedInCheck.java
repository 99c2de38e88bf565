package org.faceauth.server.oidc;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a hosted-login session that may no longer sign its person in, before the provider's endpoints see it: when
 * the user was erased (or erased and created again since), disabled, or signed in longer ago than {@code
 * faceauth.oidc.session-max-age} (counted from {@code auth_time}, however busy the session has been since). The
 * session is invalidated and the request goes on unauthenticated, so the authorization endpoint sends the browser to
 * the login page again instead of issuing a code.
 */
public final class SignedInCheck extends OncePerRequestFilter {
  private final FaceAuthService service;
  private final Duration maxAge;
  private final Clock clock;

  public SignedInCheck(FaceAuthService service, Duration maxAge, Clock clock) {
    this.service = service;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    if (signedIn instanceof FaceLogin login && !stillValid(login)) {
      SecurityContextHolder.clearContext();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
    }
    chain.doFilter(request, response);
  }

  private boolean stillValid(FaceLogin login) {
    long now = clock.instant().getEpochSecond();
    if (login.authTime() + maxAge.toSeconds() < now) {
      return false;
    }
    Optional<User> user = service.user(UserId.of(login.getName()));
    return user.isPresent() && user.get().status() == UserStatus.ACTIVE
        && user.get().createdAt().getEpochSecond() <= login.authTime();
  }
}
