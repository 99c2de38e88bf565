package org.faceauth.server.security;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Spring Security's {@link AuthenticationFilter} for {@code Authorization: Invitation <secret>}: a class of its own so
 * that the chain can place the limit per invitation right after it. A known invitation lets the request go on; an
 * unknown one is refused by {@code refusals} (401).
 */
final class InvitationAuthenticationFilter extends AuthenticationFilter {
  InvitationAuthenticationFilter(InvitationAuthenticationProvider provider, AuthenticationEntryPoint refusals) {
    super(new ProviderManager(provider), new InvitationAuthenticationConverter());
    setSuccessHandler((request, response, authentication) -> { });
    setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));
  }
}
