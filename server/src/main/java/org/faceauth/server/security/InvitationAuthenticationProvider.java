package org.faceauth.server.security;

import org.faceauth.store.invitations.InvitationStore;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks an invitation's secret against the {@link InvitationStore}: a known secret authenticates as the invitee of
 * that invitation, whatever its status (the routes refuse a used, revoked or expired one with its own code); an
 * unknown one fails.
 */
@Component
public final class InvitationAuthenticationProvider implements AuthenticationProvider {
  private final InvitationStore invitations;

  public InvitationAuthenticationProvider(InvitationStore invitations) {
    this.invitations = invitations;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    return invitations.bySecret((String) authentication.getCredentials())
        .map(InvitationAuthentication::of)
        .orElseThrow(() -> new BadCredentialsException("unknown invitation"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return InvitationAuthentication.class.isAssignableFrom(authentication);
  }
}
