package org.faceauth.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.store.jdbc.Database;
import org.faceauth.store.jdbc.JdbcAuditLog;
import org.faceauth.store.testing.Backend;
import org.faceauth.store.testing.BackendKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The provider's state and the login sessions live in the store's database, SQLite and PostgreSQL alike (migrations
 * V4 and V5): clients, authorizations with a face login as their principal (read back through the provider's
 * allowlisted JSON, before and after the ID token is added), and Spring Session's sessions.
 */
class OidcStorageTest {
  private static final ServerSettings.Oidc SETTINGS = new ServerSettings.Oidc(
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10), 3, true,
      Duration.ofMinutes(10));

  @TempDir Path folder;

  @ParameterizedTest
  @EnumSource(BackendKind.class)
  void clientsAuthorizationsAndSessions_roundTrip(BackendKind kind) {
    Backend backend = kind.create(folder);
    try (Database database = Database.open(backend.url())) {
      OidcClients clients = OidcClients.over(database.dataSource(), new JdbcAuditLog(database), Clock.systemUTC(),
          SETTINGS);
      OidcClients.Issued issued = clients.create(new OidcClients.Registration("Shop",
          List.of("https://shop.example.org/cb"), List.of("openid", "profile"), OidcClients.Type.CONFIDENTIAL),
          RequestContext.cli());
      String clientId = issued.client().clientId();
      assertThat(clients.list()).extracting(OidcClients.Client::clientId).containsExactly(clientId);
      RegisteredClient registered = clients.findByClientId(clientId);
      assertThat(registered.getClientSecret()).startsWith("{bcrypt}").doesNotContain(issued.secret().orElseThrow());
      assertThat(registered.getTokenSettings().getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);
      assertThat(registered.getClientSettings().isRequireProofKey()).as("confidential: the secret").isFalse();

      JdbcOAuth2AuthorizationService authorizations =
          new JdbcOAuth2AuthorizationService(new JdbcTemplate(database.dataSource()), clients);
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      FaceLogin login = FaceLogin.of("alice", true, true, now);
      OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(registered)
          .id("authorization-1")
          .principalName("alice")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .authorizedScopes(java.util.Set.of("openid"))
          .attribute(java.security.Principal.class.getName(), login)
          .token(new OAuth2AuthorizationCode("code-1", now, now.plusSeconds(60)))
          .build();
      authorizations.save(authorization);
      OAuth2Authorization read = authorizations.findByToken("code-1", new OAuth2TokenType(OAuth2ParameterNames.CODE));
      assertThat(read).isNotNull();
      FaceLogin principal = read.getAttribute(java.security.Principal.class.getName());
      assertThat(principal.getName()).isEqualTo("alice");
      assertThat(principal.amr()).containsExactly("face", "liveness", "user");
      assertThat(principal.authTime()).isEqualTo(now.getEpochSecond());

      OidcIdToken idToken = new OidcIdToken("id-token", now, now.plusSeconds(300),
          Map.of("sub", "alice", "amr", login.amr(), "acr", login.acr(), "auth_time", Date.from(now)));
      authorizations.save(OAuth2Authorization.from(read)
          .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", now, now.plusSeconds(300)))
          .token(idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
              idToken.getClaims()))
          .build());
      OAuth2Authorization withTokens = authorizations.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
      assertThat(withTokens.getToken(OidcIdToken.class).getToken().getClaims()).containsEntry("sub", "alice");
      assertThat(authorizations.findByToken("code-1", new OAuth2TokenType(OAuth2ParameterNames.CODE))).isNotNull();

      JdbcIndexedSessionRepository sessions = new JdbcIndexedSessionRepository(
          new JdbcTemplate(database.dataSource()),
          new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())));
      assertThat(roundTrip(sessions, "a saved authorization request")).isEqualTo("a saved authorization request");

      ExpiredAuthorizations expired = new ExpiredAuthorizations(database.dataSource(), Clock.systemUTC());
      assertThat(expired.purge()).as("its tokens are still valid").isZero();
      ExpiredAuthorizations later = new ExpiredAuthorizations(database.dataSource(),
          Clock.fixed(now.plusSeconds(301), java.time.ZoneOffset.UTC));
      assertThat(later.purge()).isEqualTo(1);
      assertThat(authorizations.findById("authorization-1")).isNull();
      authorizations.save(authorization);

      assertThat(clients.delete(clientId, RequestContext.cli())).isTrue();
      assertThat(clients.list()).isEmpty();
      assertThat(authorizations.findById("authorization-1")).as("the client's authorizations go too").isNull();
    } finally {
      backend.drop();
    }
  }

  private static <S extends Session> String roundTrip(SessionRepository<S> sessions, String value) {
    S session = sessions.createSession();
    session.setAttribute("pending", value);
    sessions.save(session);
    return sessions.findById(session.getId()).getAttribute("pending");
  }
}
