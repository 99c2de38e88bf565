package org.faceauth.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.faceauth.server.middleware.BodyLimitFilter;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.RawHttp;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The OpenID Connect provider with the server's defaults (hosted logins run the head-turn challenge): discovery, the
 * signing key, client registration by admins, and the hosted login page's rules up to the decision.
 */
class OidcProviderTest extends ServerTest {
  private static final String REDIRECT = "https://app.example.org/callback";

  @Autowired private BodyLimitFilter bodyLimit;

  @Test
  void discovery_namesTheIssuerTheEndpointsAndEs256() {
    JsonNode discovery = api.get("/.well-known/openid-configuration", null).json();
    // No public URL configured: http://localhost:<port>, whatever address the caller used (127.0.0.1 here).
    String issuer = "http://localhost:" + port;
    assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
    assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(issuer + "/oauth2/authorize");
    assertThat(discovery.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
    assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/jwks");
    assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"ES256\"]");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    assertThat(discovery.get("grant_types_supported").toString()).isEqualTo("[\"authorization_code\"]");
    assertThat(discovery.get("token_endpoint_auth_methods_supported").toString())
        .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"none\"]");
    assertThat(discovery.get("scopes_supported").toString()).isEqualTo("[\"openid\",\"profile\"]");
    assertThat(discovery.has("device_authorization_endpoint")).isFalse();
  }

  @Test
  void bothMetadataDocumentsAdvertiseOnlyWhatARegisteredClientCanUse() {
    for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
      JsonNode metadata = api.get(path, null).json();
      for (String methods : List.of("token_endpoint_auth_methods_supported",
          "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported")) {
        assertThat(metadata.get(methods).toString()).as(path + " " + methods)
            .isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"none\"]");
      }
      assertThat(metadata.get("grant_types_supported").toString()).as(path).isEqualTo("[\"authorization_code\"]");
      assertThat(metadata.has("dpop_signing_alg_values_supported")).as(path).isFalse();
      assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).as(path).isFalse();
      assertThat(metadata.has("device_authorization_endpoint")).as(path).isFalse();
      assertThat(metadata.toString()).as(path).doesNotContain("private_key_jwt", "tls_client_auth",
          "client_secret_jwt");
    }
  }

  @Test
  void theIssuerIsNeverTakenFromTheHostHeader() {
    RawHttp.Reply reply = new RawHttp(port).exchange(("GET /.well-known/openid-configuration HTTP/1.0\r\n"
        + "Host: evil.example\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("issuer").asText()).isEqualTo("http://localhost:" + port);
    assertThat(reply.text()).doesNotContain("evil.example");
  }

  @Test
  void aLoginPageRequestLargerThanTenFramesIsRefusedBeforeItsBodyIsRead() throws Exception {
    byte[] body = new byte[22 * 1024 * 1024];
    MockHttpServletResponse login = new MockHttpServletResponse();
    bodyLimit.doFilter(post("/login/answer", body), login, (request, response) -> {
      throw new AssertionError("the body limit let a 22 MiB login request through");
    });
    assertThat(login.getStatus()).isEqualTo(413);
    assertThat(login.getContentAsString()).contains("PAYLOAD_TOO_LARGE");

    MockHttpServletResponse api = new MockHttpServletResponse();
    bodyLimit.doFilter(post("/api/v1/users/someone/faces", body), api,
        (request, response) -> ((HttpServletResponse) response).setStatus(201));
    assertThat(api.getStatus()).as("the API's own limit is larger").isEqualTo(201);
  }

  private static MockHttpServletRequest post(String path, byte[] body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setContent(body);
    request.setContentType("multipart/form-data; boundary=x");
    return request;
  }

  @Test
  void providerKeys_areTheApiTokenKey() {
    JsonNode provider = api.get("/oauth2/jwks", null).json().get("keys");
    JsonNode apiKeys = api.get("/api/v1/auth/jwks.json", null).json().get("keys");
    assertThat(provider).hasSize(1);
    assertThat(provider.get(0).get("kid").asText()).isEqualTo(apiKeys.get(0).get("kid").asText());
    assertThat(provider.get(0).get("x").asText()).isEqualTo(apiKeys.get(0).get("x").asText());
    assertThat(provider.get(0).get("y").asText()).isEqualTo(apiKeys.get(0).get("y").asText());
    assertThat(provider.get(0).has("d")).as("never the private part").isFalse();
  }

  @Test
  void clients_areRegisteredListedAndDeletedByAdmins_withTheSecretShownOnce() {
    Answer created = register("confidential", List.of(REDIRECT, "http://localhost:3000/cb"), List.of("openid"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String clientId = created.json().get("client").get("clientId").asText();
    assertThat(created.json().get("clientSecret").asText()).hasSizeGreaterThan(30);
    assertThat(created.header("Location")).isEqualTo("/api/v1/admin/clients/" + clientId);

    Answer listed = api.get("/api/v1/admin/clients", ADMIN_KEY);
    assertThat(listed.text()).contains(clientId).doesNotContain(created.json().get("clientSecret").asText())
        .doesNotContain("bcrypt");
    JsonNode one = api.get("/api/v1/admin/clients/" + clientId, ADMIN_KEY).json();
    assertThat(one.get("type").asText()).isEqualTo("confidential");
    assertThat(one.get("redirectUris").toString()).contains(REDIRECT, "http://localhost:3000/cb");

    Answer publicClient = register("public", List.of(REDIRECT), List.of("openid", "profile"));
    assertThat(publicClient.json().get("clientSecret").isNull()).as("a public client has no secret").isTrue();

    assertThat(api.delete("/api/v1/admin/clients/" + clientId, ADMIN_KEY).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/admin/clients/" + clientId, ADMIN_KEY).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/admin/clients/" + clientId, ADMIN_KEY).status()).isEqualTo(404);
    String audit = api.get("/api/v1/admin/audit?action=create_oidc_client", ADMIN_KEY).text()
        + api.get("/api/v1/admin/audit?action=delete_oidc_client", ADMIN_KEY).text();
    assertThat(audit).contains("client:" + clientId);
  }

  @Test
  void clients_refuseRedirectsThatAreNotHttpsOrLocal_otherScopes_andAppKeys() {
    for (String bad : List.of("http://app.example.org/cb", "https://app.example.org/cb#x", "javascript:alert(1)",
        "/relative", "https://user@app.example.org/cb")) {
      Answer refused = register("public", List.of(bad), List.of("openid"));
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
    }
    assertThat(register("public", List.of(REDIRECT), List.of("openid", "email")).status()).isEqualTo(400);
    assertThat(register("public", List.of(REDIRECT), List.of("profile")).status()).isEqualTo(400);
    assertThat(register("public", Collections.nCopies(11, REDIRECT), List.of("openid")).status()).isEqualTo(400);
    assertThat(register("sometimes", List.of(REDIRECT), List.of("openid")).status()).isEqualTo(400);
    assertThat(api.postJson("/api/v1/admin/clients", appKey,
        Map.of("name", "x", "type", "public", "redirectUris", List.of(REDIRECT))).status()).isEqualTo(403);
  }

  @Test
  void anAuthorizationRequest_sendsABrowserThatIsNotSignedInToTheLoginPage_whichShowsTheApplication() {
    String clientId = registered("public");
    Browser browser = new Browser(port);
    Browser.Page authorize = browser.get(authorizeUrl(clientId, "st-1"), "text/html");
    assertThat(authorize.status()).isEqualTo(302);
    assertThat(authorize.header("Location")).isEqualTo(browser.base() + "/login");

    Browser.Page page = browser.get("/login", "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/login/login.js\"></script>")
        .doesNotContain("<script>").doesNotContain("style=").doesNotContain("onclick");
    JsonNode start = browser.loginSession();
    assertThat(start.get("pending").asBoolean()).isTrue();
    assertThat(start.get("application").asText()).isEqualTo("Test app");
    assertThat(start.get("attemptsLeft").asInt()).isEqualTo(3);
  }

  @Test
  void theLoginPagesCalls_needTheSessionsCsrfToken_andAPendingAuthorization() {
    Browser stranger = new Browser(port);
    JsonNode start = stranger.loginSession();
    assertThat(start.get("pending").asBoolean()).isFalse();
    Browser.Page noLogin = stranger.postJson("/login/challenge", Map.of("userId", "someone"), true);
    assertThat(noLogin.status()).isEqualTo(409);
    assertThat(noLogin.json().get("code").asText()).isEqualTo("NO_LOGIN_PENDING");

    Browser browser = new Browser(port);
    browser.get(authorizeUrl(registered("public"), "st-2"), "text/html");
    assertThat(browser.get("/login/session", "application/json").header("Cache-Control"))
        .as("the CSRF token is never cached").isEqualTo("no-store");
    browser.loginSession();
    Browser.Page forged = browser.postJson("/login/challenge", Map.of("userId", "someone"), false);
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
    assertThat(forged.json().get("code").asText()).isEqualTo("CSRF_REFUSED");
  }

  @Test
  void aStillPhoto_cannotFollowTheHeadTurn_andIsToldNotLive_thenCancellingTellsTheApplicationAccessDenied() {
    String user = "oidc-still";
    assertThat(api.postMultipart(newUserFaces(user), ADMIN_KEY, List.of(
        Part.file("images", photo("test/spoof/live/apfol_real2_01.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_02.jpg")))).status()).isEqualTo(201);
    String clientId = registered("public");
    Browser browser = new Browser(port);
    // The application's state holds a '+' (sent encoded): it must come back as the same '+', never a space.
    browser.get(authorizeUrl(clientId, "st%2B3"), "text/html");
    browser.loginSession();

    JsonNode capture = browser.postJson("/login/challenge", Map.of("userId", user), true).json();
    assertThat(capture.get("instruction").asText()).startsWith("Turn your head slowly to your");
    assertThat(capture.get("frames").asInt()).isEqualTo(10);
    JsonNode decision = browser.postFiles("/login/answer", "frames",
        Collections.nCopies(10, photo("test/spoof/live/apfol_real2_07.jpg"))).json();
    assertThat(decision.get("outcome").asText()).isEqualTo("refused");
    assertThat(decision.get("message").asText()).startsWith("Not live");
    assertThat(decision.get("continueTo").isNull()).isTrue();
    assertThat(decision.get("attemptsLeft").asInt()).isEqualTo(2);
    assertThat(decision.toString()).doesNotContain("score").doesNotContain("threshold").doesNotContain("0.");

    JsonNode cancelled = browser.post("/login/cancel").json();
    assertThat(cancelled.get("outcome").asText()).isEqualTo("denied");
    assertThat(cancelled.get("continueTo").asText()).isEqualTo(REDIRECT + "?error=access_denied&error_description="
        + "The%20face%20login%20was%20refused%20or%20cancelled.&state=st%2B3&iss=http%3A%2F%2Flocalhost%3A" + port);
    assertThat(browser.loginSession().get("pending").asBoolean()).as("the login is over").isFalse();
    assertThat(api.get("/api/v1/admin/audit?user=" + user + "&action=verify", ADMIN_KEY).text())
        .contains("oidc:" + clientId).contains("challenge_failed");
  }

  @Test
  void aStrangerAskingChallengesForTheSameId_cannotEvictTheOneAVisitorIsAnswering() {
    String user = "oidc-evicted";
    String clientId = registered("public");
    Browser visitor = new Browser(port);
    visitor.get(authorizeUrl(clientId, "st-5"), "text/html");
    visitor.loginSession();
    visitor.postJson("/login/challenge", Map.of("userId", user), true);

    Browser stranger = new Browser(port);
    stranger.get(authorizeUrl(clientId, "st-6"), "text/html");
    stranger.loginSession();
    for (int ask = 0; ask < 9; ask++) {
      assertThat(stranger.postJson("/login/challenge", Map.of("userId", user), true).status()).isEqualTo(200);
    }

    JsonNode decision = visitor.postFiles("/login/answer", "frames",
        Collections.nCopies(10, photo("test/spoof/live/apfol_real2_07.jpg"))).json();
    assertThat(decision.get("message").asText()).as("the visitor's own challenge was still open and judged")
        .startsWith("Not live");
  }

  @Test
  void aLoginIsDenied_afterThreeRefusals() {
    String clientId = registered("public");
    Browser browser = new Browser(port);
    browser.get(authorizeUrl(clientId, "st-4"), "text/html");
    browser.loginSession();
    JsonNode decision = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      browser.postJson("/login/challenge", Map.of("userId", "oidc-nobody-" + attempt), true);
      decision = browser.postFiles("/login/answer", "frames",
          List.of(photo("test/known_faces/Bill_Frist_1.jpg"), photo("test/known_faces/Bill_Frist_2.jpg"))).json();
      assertThat(decision.get("outcome").asText()).isEqualTo(attempt < 3 ? "refused" : "denied");
    }
    assertThat(decision.get("continueTo").asText()).startsWith(REDIRECT + "?error=access_denied");
  }

  @Test
  void anUnknownClientOrRedirectUriIsAnsweredHereWithItsOAuthError_neverSentToThatAddress() {
    String clientId = registered("public");
    Browser browser = new Browser(port);
    for (String url : List.of(authorizeUrl("nope", "st-5"),
        authorizeUrl(clientId, "st-6").replace(REDIRECT, "https://evil.example/cb"))) {
      Browser.Page refused = browser.get(url, "text/html");
      assertThat(refused.status()).as(url).isEqualTo(400);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      JsonNode problem = refused.json();
      assertThat(problem.get("code").asText()).isEqualTo("AUTHORIZATION_REQUEST_REFUSED");
      assertThat(problem.get("error").asText()).isEqualTo("invalid_request");
      assertThat(problem.get("error_description").asText()).startsWith("OAuth 2.0 Parameter: ")
          .containsAnyOf("client_id", "redirect_uri");
      assertThat(problem.get("requestId").asText()).isNotBlank();
      assertThat(refused.body()).doesNotContain("evil.example", "Exception", "/home", "/work");
    }
  }

  @Test
  void aPublicClientWithoutPkceGetsItsErrorAtItsOwnRedirectUri() {
    String clientId = registered("public");
    String withoutPkce = authorizeUrl(clientId, "st-7").replaceAll("&code_challenge[^&]*", "");
    Browser.Page refused = new Browser(port).get(withoutPkce, "text/html");
    assertThat(refused.status()).isEqualTo(302);
    assertThat(refused.header("Location")).startsWith(REDIRECT + "?error=invalid_request")
        .contains("error_description=", "code_challenge", "state=st-7");
  }

  private String authorizeUrl(String clientId, String state) {
    return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + REDIRECT
        + "&scope=openid&state=" + state + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256";
  }

  private String registered(String type) {
    Answer created = register(type, List.of(REDIRECT), List.of("openid"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("client").get("clientId").asText();
  }

  private Answer register(String type, List<String> redirectUris, List<String> scopes) {
    return api.postJson("/api/v1/admin/clients", ADMIN_KEY,
        Map.of("name", "Test app", "type", type, "redirectUris", redirectUris, "scopes", scopes));
  }
}
