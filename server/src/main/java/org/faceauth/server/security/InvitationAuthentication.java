package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.faceauth.store.invitations.Invitation;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * An enrollment invitation's secret as a Spring Security authentication: before the check only the secret from the
 * {@code Authorization: Invitation <secret>} header; after it, the stored invitation (in whatever status: the
 * enrollment page tells a used or expired link apart) and the invitee role, which allows the invitation's own routes
 * and nothing else. The secret is dropped once checked.
 */
public final class InvitationAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;
  private static final RequestAttributeSecurityContextRepository SAVED = new RequestAttributeSecurityContextRepository();

  private transient String secret;
  private final transient Invitation invitation;

  private InvitationAuthentication(String secret, Invitation invitation) {
    super(invitation == null ? List.of() : AuthorityUtils.createAuthorityList(Roles.INVITEE_AUTHORITY));
    this.secret = secret;
    this.invitation = invitation;
    setAuthenticated(invitation != null);
  }

  /** The secret a client sent, not yet checked. */
  static InvitationAuthentication unchecked(String secret) {
    return new InvitationAuthentication(secret, null);
  }

  /** An invitation found in the store. */
  static InvitationAuthentication of(Invitation invitation) {
    return new InvitationAuthentication(null, invitation);
  }

  /** The invitation, once authenticated. */
  public Optional<Invitation> invitation() {
    return Optional.ofNullable(invitation);
  }

  /** The invitation that authenticated the current request (or, after the chain, {@code request}), if one did. */
  public static Optional<Invitation> of(HttpServletRequest request) {
    return of(SecurityContextHolder.getContext()).or(() -> of(SAVED.loadDeferredContext(request).get()));
  }

  private static Optional<Invitation> of(SecurityContext context) {
    Authentication authentication = context == null ? null : context.getAuthentication();
    return authentication instanceof InvitationAuthentication held && held.isAuthenticated()
        ? held.invitation()
        : Optional.empty();
  }

  @Override
  public Object getCredentials() {
    return secret;
  }

  @Override
  public Object getPrincipal() {
    return invitation == null ? null : invitation.id();
  }

  @Override
  public void eraseCredentials() {
    super.eraseCredentials();
    secret = null;
  }
}
