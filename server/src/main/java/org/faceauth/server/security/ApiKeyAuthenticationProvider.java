package org.faceauth.server.security;

import org.faceauth.store.keys.ApiKeyStore;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Checks an API key against the {@link ApiKeyStore}: an active key authenticates with its role, anything else fails. */
@Component
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {
  private final ApiKeyStore keys;

  public ApiKeyAuthenticationProvider(ApiKeyStore keys) {
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return keys.authenticate((String) authentication.getCredentials())
        .map(ApiKeyAuthentication::of)
        .orElseThrow(() -> new BadCredentialsException("unknown or revoked API key"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
