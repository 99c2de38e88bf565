package org.faceauth.server.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import javax.sql.DataSource;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.token.TokenIssuer;
import org.faceauth.store.FaceAuthSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * The OpenID Connect provider's parts (Spring Authorization Server): clients, authorizations and consents in the
 * store's database (JDBC services, so every node sees the same codes and tokens), tokens signed ES256 with the same
 * key as the API's login tokens, the issuer ({@code faceauth.public-url}, else {@code http://localhost:<port>}: see
 * {@link FixedIssuer}), and the
 * claims a face login adds to the ID token: {@code amr}, {@code acr}, {@code auth_time}, with the configured lifetime.
 * Scheduling is on for {@link ExpiredAuthorizations}.
 */
@Configuration
@EnableScheduling
public class OidcProviderConfig {
  /**
   * The store's connection pool, for the provider's tables and the login sessions (Spring Session JDBC). The store
   * owns and closes it.
   */
  @Bean(destroyMethod = "")
  DataSource dataSource(FaceAuthSystem system) {
    return system.database().dataSource();
  }

  /** Client secrets are checked against their bcrypt hashes ({@code {bcrypt}…}). */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  OidcClients oidcClients(DataSource dataSource, PasswordEncoder encoder, AuditLog audit, Clock clock,
      ServerSettings settings) {
    return new OidcClients(new JdbcTemplate(dataSource), encoder, audit, clock, settings.oidc());
  }

  @Bean
  OAuth2AuthorizationService authorizationService(DataSource dataSource, OidcClients clients) {
    return new JdbcOAuth2AuthorizationService(jdbc(dataSource), clients);
  }

  @Bean
  OAuth2AuthorizationConsentService authorizationConsentService(DataSource dataSource, OidcClients clients) {
    return new JdbcOAuth2AuthorizationConsentService(jdbc(dataSource), clients);
  }

  /**
   * The provider's view of who is signed in where (the ID token's {@code sid}), read from Spring Session's table, so
   * that the node answering the token request sees the session another node signed the person in on.
   */
  @Bean
  <S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
    return new SpringSessionBackedSessionRegistry<>(sessions);
  }

  @Bean
  JWKSource<SecurityContext> jwkSource(TokenIssuer tokens) {
    return tokens.signingKeySource();
  }

  /** Checks the provider's own access tokens (the user info endpoint). */
  @Bean
  JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
    return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
  }

  /** The provider's endpoint paths; its issuer is set for each request by {@link FixedIssuer}. */
  @Bean
  AuthorizationServerSettings authorizationServerSettings() {
    return AuthorizationServerSettings.builder().build();
  }

  /**
   * Every token is signed ES256 (the one key); the ID token of a face login carries how the person was checked and
   * lives {@code faceauth.oidc.id-token-ttl}. {@code auth_time} is a {@link Date} (written as seconds since the epoch)
   * so that the stored authorization reads back through the provider's allowlisted JSON.
   */
  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> faceLoginClaims(ServerSettings settings, Clock clock) {
    return context -> {
      context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
      if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
          && context.getPrincipal() instanceof FaceLogin login) {
        Instant now = clock.instant();
        context.getClaims()
            .issuedAt(now)
            .expiresAt(now.plus(settings.oidc().idTokenTtl()))
            .claim("amr", login.amr())
            .claim("acr", login.acr())
            .claim("auth_time", Date.from(Instant.ofEpochSecond(login.authTime())));
      }
    };
  }

  private static JdbcOperations jdbc(DataSource dataSource) {
    return new JdbcTemplate(dataSource);
  }
}
