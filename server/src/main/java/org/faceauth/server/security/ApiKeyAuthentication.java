package org.faceauth.server.security;

import java.util.List;
import java.util.Optional;
import org.faceauth.store.keys.ApiKey;
import org.faceauth.store.keys.ApiKeyRole;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * An API key as a Spring Security authentication: before the check it holds only the secret from the header; after it,
 * the stored key and its roles (an admin key is also an app key). The secret is dropped once checked.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private transient String secret;
  private final transient ApiKey key;

  private ApiKeyAuthentication(String secret, ApiKey key, List<GrantedAuthority> authorities) {
    super(authorities);
    this.secret = secret;
    this.key = key;
    setAuthenticated(key != null);
  }

  /** The secret a client sent, not yet checked. */
  public static ApiKeyAuthentication unchecked(String secret) {
    return new ApiKeyAuthentication(secret, null, List.of());
  }

  /** A key found in the store. */
  public static ApiKeyAuthentication of(ApiKey key) {
    return new ApiKeyAuthentication(null, key, authoritiesOf(key.role()));
  }

  static List<GrantedAuthority> authoritiesOf(ApiKeyRole role) {
    return switch (role) {
      case ADMIN -> AuthorityUtils.createAuthorityList(Roles.ADMIN_AUTHORITY, Roles.APP_AUTHORITY);
      case APP -> AuthorityUtils.createAuthorityList(Roles.APP_AUTHORITY);
    };
  }

  /** The stored key, once authenticated. */
  public Optional<ApiKey> key() {
    return Optional.ofNullable(key);
  }

  @Override
  public Object getCredentials() {
    return secret;
  }

  @Override
  public Object getPrincipal() {
    return key == null ? null : key.id();
  }

  @Override
  public void eraseCredentials() {
    super.eraseCredentials();
    secret = null;
  }
}
