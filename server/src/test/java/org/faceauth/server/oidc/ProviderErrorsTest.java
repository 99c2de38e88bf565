package org.faceauth.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Every refusal of the OpenID Connect provider's endpoints is FaceAuth's, not Spring Authorization Server's: the user
 * info endpoint answers problem+json with a stable code, a sentence and the request id, and the RFC 6750 {@code
 * WWW-Authenticate: Bearer} challenge; the token, introspection and revocation endpoints keep RFC 6749's JSON error
 * ({@code error}) that OAuth clients parse, with the same problem fields beside it. No answer carries the library's
 * own error description.
 */
class ProviderErrorsTest extends ServerTest {
  private static final String REDIRECT = "https://app.example.org/callback";
  /** Words of Spring Security's and Nimbus's own error descriptions. */
  private static final List<String> LIBRARY_TEXT = List.of("Jwt", "JWT", "Bearer token", "decode", "rfc6750",
      "rfc6749", "rfc7662", "rfc7009", "tools.ietf.org", "datatracker", "error_uri", "Parameter:", "Exception",
      "Signed", "Client authentication failed", "/home", "/work", "/tmp");
  private static final Set<String> OPENID = Set.of("openid");

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired private JWKSource<SecurityContext> signingKeys;
  @Autowired private OidcClients clients;
  @Autowired private OAuth2AuthorizationService authorizations;

  @Test
  void userInfo_withoutAToken_isChallengedWithBearerAlone_inProblemJson_andOpensNoSession() {
    for (String accept : List.of("application/json", "text/html")) {
      Browser.Page reply = send("GET", "/userinfo", null, null, "Accept", accept);
      assertProblem(reply, 401, "INVALID_TOKEN");
      assertThat(reply.header("WWW-Authenticate")).as("RFC 6750: no error code without a token").isEqualTo("Bearer");
      assertThat(reply.json().has("error")).isFalse();
      assertThat(reply.header("Set-Cookie")).as("a refused call keeps no session").isNull();
    }
  }

  @Test
  void userInfo_withAMalformedForgedExpiredOrUnknownToken_isInvalidToken_withoutTheLibrarysDescription()
      throws Exception {
    Instant later = Instant.now().plusSeconds(300);
    Map<String, String> tokens = Map.of(
        "not a JWT", "garbage",
        "not a token's characters", "!!!",
        "signed by another key", token(new ECKeyGenerator(Curve.P_256).keyID("forged").generate(), later, OPENID),
        "expired an hour ago", token(Instant.now().minusSeconds(3600), OPENID),
        "never issued (not in the authorization store)", token(later, OPENID));
    tokens.forEach((what, token) -> {
      Browser.Page reply = send("GET", "/userinfo", "Bearer " + token, null);
      assertProblem(reply, 401, "INVALID_TOKEN");
      assertThat(reply.header("WWW-Authenticate")).as(what).isEqualTo("Bearer error=\"invalid_token\"");
      assertThat(reply.json().get("error").asText()).as(what).isEqualTo("invalid_token");
      assertThat(reply.json().get("detail").asText()).as(what).isEqualTo(
          "Send a valid, unexpired access token of this provider as 'Authorization: Bearer <token>'.");
    });
  }

  @Test
  void userInfo_withAnIssuedTokenLackingOpenid_isInsufficientScope() {
    String token = issued(confidentialClient()[0], Set.of("profile"));
    Browser.Page reply = send("GET", "/userinfo", "Bearer " + token, null);
    assertProblem(reply, 403, "INSUFFICIENT_SCOPE");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", scope=\"openid\"");
    assertThat(reply.json().get("error").asText()).isEqualTo("insufficient_scope");
  }

  @Test
  void theTokenEndpoint_keepsRfc6749sJsonError_withOurDescriptionAndTheProblemFieldsBeside() {
    String[] client = confidentialClient();
    String basic = basic(client[0], client[1]);
    assertClientError(send("POST", "/oauth2/token", null, "grant_type=authorization_code&code=x"),
        401, "INVALID_CLIENT", "invalid_client");
    Browser.Page wrongSecret =
        send("POST", "/oauth2/token", basic(client[0], "wrong"), "grant_type=authorization_code&code=x");
    assertClientError(wrongSecret, 401, "INVALID_CLIENT", "invalid_client");
    assertThat(wrongSecret.header("WWW-Authenticate")).as("RFC 6749 5.2: the scheme the client used")
        .isEqualTo("Basic realm=\"faceauth\"");
    assertClientError(send("POST", "/oauth2/token", basic,
        "grant_type=authorization_code&code=made-up&redirect_uri=" + REDIRECT), 400, "OAUTH_REQUEST_REFUSED",
        "invalid_grant");
    assertClientError(send("POST", "/oauth2/token", basic, "grant_type=password&username=a&password=b"),
        400, "OAUTH_REQUEST_REFUSED", "unsupported_grant_type");
    assertClientError(send("POST", "/oauth2/token", basic, "code=x"), 400, "OAUTH_REQUEST_REFUSED",
        "invalid_request");
    assertClientError(send("POST", "/oauth2/token", "Bearer garbage", "grant_type=authorization_code&code=x"),
        401, "INVALID_CLIENT", "invalid_client");
  }

  @Test
  void introspectionRevocationAndDeviceAuthorization_answerTheSameWay() {
    String[] client = confidentialClient();
    String basic = basic(client[0], client[1]);
    for (String path : List.of("/oauth2/introspect", "/oauth2/revoke")) {
      assertClientError(send("POST", path, null, "token=x"), 401, "INVALID_CLIENT", "invalid_client");
      assertClientError(send("POST", path, basic(client[0], "wrong"), "token=x"), 401, "INVALID_CLIENT",
          "invalid_client");
      assertClientError(send("POST", path, basic, "no=token"), 400, "OAUTH_REQUEST_REFUSED", "invalid_request");
    }
    assertClientError(send("POST", "/oauth2/device_authorization", basic, "scope=openid"), 400,
        "OAUTH_REQUEST_REFUSED", "unauthorized_client");
  }

  @Test
  void anAuthorizationRequestFromAProgram_isUnauthorizedProblemJson_andOpensNoSession() {
    Browser.Page reply = send("GET", "/oauth2/authorize?response_type=code&client_id=" + confidentialClient()[0], null,
        null, "Accept", "application/json");
    assertProblem(reply, 401, "UNAUTHORIZED");
    assertThat(reply.header("Set-Cookie")).isNull();
  }

  @Test
  void aBadBearerTokenSentToTheAuthorizationEndpoint_isInvalidToken() {
    Browser.Page reply = send("GET", "/oauth2/authorize?response_type=code&client_id=" + confidentialClient()[0],
        "Bearer garbage", null, "Accept", "application/json");
    assertProblem(reply, 401, "INVALID_TOKEN");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
  }

  private static void assertProblem(Browser.Page reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertFaceAuthFields(reply, code);
  }

  /** RFC 6749 section 5.2: {@code application/json} with {@code error}; our sentence, code and request id beside. */
  private static void assertClientError(Browser.Page reply, int status, String code, String error) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertFaceAuthFields(reply, code);
    JsonNode body = reply.json();
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("error_description").asText()).isEqualTo(body.get("detail").asText());
    assertThat(body.has("error_uri")).isFalse();
  }

  private static void assertFaceAuthFields(Browser.Page reply, String code) {
    JsonNode body = reply.json();
    assertThat(body.get("code").asText()).as(reply.body()).isEqualTo(code);
    assertThat(body.get("detail").asText()).isNotBlank().endsWith(".");
    assertThat(body.get("requestId").asText()).isNotBlank().isEqualTo(reply.header("X-Request-Id"));
    String everything = reply.body() + reply.headers();
    for (String library : LIBRARY_TEXT) {
      assertThat(everything).as(reply.body()).doesNotContain(library);
    }
  }

  /** A registered confidential client: its id and secret. */
  private String[] confidentialClient() {
    Answer created = api.postJson("/api/v1/admin/clients", ADMIN_KEY, Map.of("name", "Errors app",
        "type", "confidential", "redirectUris", List.of(REDIRECT), "scopes", List.of("openid")));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new String[] {created.json().get("client").get("clientId").asText(),
        created.json().get("clientSecret").asText()};
  }

  private static String basic(String clientId, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** An access token signed with the provider's own key, expiring at {@code expiresAt}. */
  private String token(Instant expiresAt, Set<String> scopes) {
    return encode(new NimbusJwtEncoder(signingKeys), expiresAt, scopes);
  }

  /** An access token signed with {@code key}, not the provider's. */
  private String token(ECKey key, Instant expiresAt, Set<String> scopes) {
    return encode(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))), expiresAt, scopes);
  }

  private String encode(NimbusJwtEncoder encoder, Instant expiresAt, Set<String> scopes) {
    JwtClaimsSet claims = JwtClaimsSet.builder().issuer("http://localhost:" + port).subject("someone")
        .issuedAt(expiresAt.minus(Duration.ofMinutes(5))).expiresAt(expiresAt).claim("scope", scopes).build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(), claims))
        .getTokenValue();
  }

  /** A valid access token the provider issued (stored as an authorization) to {@code clientId} for {@code scopes}. */
  private String issued(String clientId, Set<String> scopes) {
    Instant now = Instant.now();
    String value = token(now.plusSeconds(300), scopes);
    OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, now.minusSeconds(1),
        now.plusSeconds(300), scopes);
    authorizations.save(OAuth2Authorization.withRegisteredClient(clients.findByClientId(clientId))
        .id(UUID.randomUUID().toString()).principalName("someone")
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).authorizedScopes(scopes)
        .token(access).build());
    return value;
  }

  private Browser.Page send(String method, String path, String authorization, String form, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (form != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Browser.Page(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
