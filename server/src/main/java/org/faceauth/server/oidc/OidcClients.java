package org.faceauth.server.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.server.config.ServerSettings;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The applications allowed to "Log in with FaceAuth" (OpenID Connect relying parties), registered by an admin (REST
 * and CLI): name, redirect URIs (https, or http on localhost only; compared exactly), scopes ({@code openid},
 * optionally {@code profile}) and type: public (a browser or mobile app: no secret, PKCE required) or confidential
 * (a server: a secret shown once and stored as a bcrypt hash). Authorization code flow only, no refresh tokens, no
 * consent screen.
 * Kept in Spring Authorization Server's {@code oauth2_registered_client} table, shared by every node; as the provider's
 * {@link RegisteredClientRepository} it applies the token lifetimes in force ({@code faceauth.oidc.*}) to every client,
 * old ones included. Every change is audited with {@code client:<client id>} as its subject. Thread-safe.
 */
public final class OidcClients implements RegisteredClientRepository {
  /** Most redirect URIs of one client. */
  public static final int MAX_REDIRECT_URIS = 10;

  private static final int MAX_NAME = 100;
  private static final int MAX_URI = 300;
  private static final Set<String> SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE);
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  /** Who the client is. */
  public enum Type {
    /** Runs where a secret cannot be kept (browser, phone): no secret, PKCE required. */
    PUBLIC,
    /** Runs on a server: authenticates with its secret. */
    CONFIDENTIAL
  }

  /**
   * What an admin asks to register.
   *
   * @param name shown to people and admins, 1 to 100 characters
   * @param redirectUris 1 to {@value #MAX_REDIRECT_URIS} exact URIs the browser may be sent back to
   * @param scopes {@code openid} and optionally {@code profile} (default: openid)
   * @param type public or confidential
   */
  public record Registration(String name, List<String> redirectUris, List<String> scopes, Type type) {}

  /** A registered client as admins see it (never its secret). */
  public record Client(
      String clientId, String name, Type type, List<String> redirectUris, List<String> scopes, Instant createdAt) {}

  /** A client just registered, with its secret (confidential clients only): shown this once. */
  public record Issued(Client client, Optional<String> secret) {}

  private final JdbcOperations jdbc;
  private final JdbcRegisteredClientRepository clients;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final Clock clock;
  private final ServerSettings.Oidc settings;
  private final SecureRandom random = new SecureRandom();

  public OidcClients(
      JdbcOperations jdbc, PasswordEncoder encoder, AuditLog audit, Clock clock, ServerSettings.Oidc settings) {
    this.jdbc = jdbc;
    this.clients = new JdbcRegisteredClientRepository(jdbc);
    this.encoder = encoder;
    this.audit = audit;
    this.clock = clock;
    this.settings = settings;
  }

  /** The clients of the database behind {@code dataSource} (the command line's way in). */
  public static OidcClients over(DataSource dataSource, AuditLog audit, Clock clock, ServerSettings.Oidc settings) {
    return new OidcClients(new JdbcTemplate(dataSource), PasswordEncoderFactories.createDelegatingPasswordEncoder(),
        audit, clock, settings);
  }

  /**
   * Registers a client, audited.
   *
   * @throws FaceAuthException {@link ErrorCode#INVALID_REQUEST} for a missing or too long name, a redirect URI that
   *     is not absolute https (or http on localhost), has a fragment or user info, too many URIs, or another scope
   */
  public Issued create(Registration registration, RequestContext context) {
    String name = registration.name() == null ? "" : registration.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw invalid("Give the client a name of 1 to " + MAX_NAME + " characters.");
    }
    if (registration.type() == null) {
      throw invalid("Say whether the client is public (no secret, PKCE) or confidential (a secret).");
    }
    Set<String> uris = redirectUris(registration.redirectUris());
    Set<String> scopes = scopes(registration.scopes());
    Instant now = clock.instant();
    String clientId = "fa-" + HexFormat.of().formatHex(bytes(12));
    boolean confidential = registration.type() == Type.CONFIDENTIAL;
    Optional<String> secret = confidential
        ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32))) : Optional.empty();
    RegisteredClient.Builder client = RegisteredClient.withId(HexFormat.of().formatHex(bytes(16)))
        .clientId(clientId)
        .clientName(name)
        .clientIdIssuedAt(now)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUris(set -> set.addAll(uris))
        .scopes(set -> set.addAll(scopes))
        .clientSettings(ClientSettings.builder()
            .requireProofKey(!confidential)
            .requireAuthorizationConsent(false)
            .build())
        .tokenSettings(tokenSettings());
    if (confidential) {
      client.clientSecret(encoder.encode(secret.get()))
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
    } else {
      client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
    }
    RegisteredClient built = client.build();
    clients.save(built);
    audited(context, AuditAction.CREATE_OIDC_CLIENT, clientId, "created");
    return new Issued(view(built), secret);
  }

  /** Every registered client, oldest first. */
  public List<Client> list() {
    return jdbc.queryForList("SELECT id FROM oauth2_registered_client ORDER BY client_id_issued_at, client_id",
            String.class).stream()
        .map(clients::findById)
        .map(OidcClients::view)
        .toList();
  }

  /** One client, by its client id. */
  public Optional<Client> find(String clientId) {
    return Optional.ofNullable(clients.findByClientId(clientId)).map(OidcClients::view);
  }

  /**
   * Deletes a client with its pending codes, tokens and consents (its ID tokens already issued stay valid until they
   * expire), audited.
   *
   * @return whether there was such a client
   */
  public boolean delete(String clientId, RequestContext context) {
    RegisteredClient client = clients.findByClientId(clientId);
    if (client == null) {
      return false;
    }
    jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", client.getId());
    jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", client.getId());
    jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", client.getId());
    audited(context, AuditAction.DELETE_OIDC_CLIENT, clientId, "deleted");
    return true;
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    clients.save(registeredClient);
  }

  @Override
  public RegisteredClient findById(String id) {
    return current(clients.findById(id));
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return current(clients.findByClientId(clientId));
  }

  /** The client with the lifetimes and ID token algorithm in force now. */
  private RegisteredClient current(RegisteredClient client) {
    return client == null ? null : RegisteredClient.from(client).tokenSettings(tokenSettings()).build();
  }

  private TokenSettings tokenSettings() {
    return TokenSettings.builder()
        .authorizationCodeTimeToLive(settings.authorizationCodeTtl())
        .accessTokenTimeToLive(settings.accessTokenTtl())
        .idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
        .reuseRefreshTokens(false)
        .build();
  }

  private static Client view(RegisteredClient client) {
    Type type = client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
        ? Type.PUBLIC : Type.CONFIDENTIAL;
    return new Client(client.getClientId(), client.getClientName(), type,
        client.getRedirectUris().stream().sorted().toList(), client.getScopes().stream().sorted().toList(),
        client.getClientIdIssuedAt());
  }

  private static Set<String> redirectUris(List<String> given) {
    if (given == null || given.isEmpty() || given.size() > MAX_REDIRECT_URIS) {
      throw invalid("Give 1 to " + MAX_REDIRECT_URIS + " redirect URIs.");
    }
    Set<String> uris = new LinkedHashSet<>();
    for (String uri : given) {
      uris.add(redirectUri(uri));
    }
    return uris;
  }

  private static String redirectUri(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_URI || text.contains(",")) {
      throw invalid("A redirect URI is an absolute URI of at most " + MAX_URI + " characters, without commas.");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid("The redirect URI '" + text + "' is not a valid URI.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https") && !host.isEmpty();
    boolean loopback = scheme.equals("http") && LOOPBACK.contains(host);
    if (!secure && !loopback) {
      throw invalid("The redirect URI '" + text + "' must use https (http only on localhost, 127.0.0.1 "
          + "or [::1]).");
    }
    if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw invalid("The redirect URI '" + text + "' may not have a fragment or user info.");
    }
    return text;
  }

  private static Set<String> scopes(List<String> given) {
    Set<String> scopes = new LinkedHashSet<>(given == null || given.isEmpty() ? List.of(OidcScopes.OPENID) : given);
    if (!scopes.contains(OidcScopes.OPENID) || !SCOPES.containsAll(scopes)) {
      throw invalid("Scopes are 'openid' and optionally 'profile'.");
    }
    return scopes;
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private void audited(RequestContext context, AuditAction action, String clientId, String outcome) {
    audit.record(new AuditEvent(clock.instant(), context.actor(), action, Optional.of("client:" + clientId),
        Optional.empty(), outcome, Optional.empty(), context.requestId(), context.clientAddress()));
  }

  private static FaceAuthException invalid(String message) {
    return new FaceAuthException(ErrorCode.INVALID_REQUEST, message);
  }
}
