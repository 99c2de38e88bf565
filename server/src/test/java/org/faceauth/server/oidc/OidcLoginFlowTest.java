package org.faceauth.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole "Log in with FaceAuth" as a confidential client sees it, on a server whose hosted logins use the passive
 * check only (a still photo cannot answer the head-turn challenge): authorization request, the face on the login
 * page, the code back at the redirect URI, the code exchanged with PKCE and the client's secret, and an ID token signed
 * ES256 by the API's token key carrying sub, amr, acr, auth_time and the configured lifetime.
 */
@TestPropertySource(properties = {"faceauth.oidc.challenge-required=false", "faceauth.oidc.id-token-ttl=2m"})
class OidcLoginFlowTest extends ServerTest {
  private static final String REDIRECT = "http://localhost:8765/callback";
  private static final String VERIFIER = "a-code-verifier-of-at-least-forty-three-characters-0123456789";

  @Test
  void theLivePersonLogsIn_andTheClientGetsAnEs256IdTokenSayingHowTheyWereChecked() throws Exception {
    String user = "oidc-apfol";
    assertThat(api.postMultipart(newUserFaces(user), ADMIN_KEY, List.of(
        Part.file("images", photo("test/spoof/live/apfol_real2_01.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_02.jpg")),
        Part.file("images", photo("test/spoof/live/apfol_real2_03.jpg")))).status()).isEqualTo(201);
    Answer client = api.postJson("/api/v1/admin/clients", ADMIN_KEY, Map.of("name", "Flow app",
        "type", "confidential", "redirectUris", List.of(REDIRECT), "scopes", List.of("openid")));
    String clientId = client.json().get("client").get("clientId").asText();
    String secret = client.json().get("clientSecret").asText();

    Browser browser = new Browser(port);
    String authorize = "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + REDIRECT
        + "&scope=openid&state=s-1&nonce=n-1&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256";
    assertThat(browser.get(authorize, "text/html").status()).isEqualTo(302);
    browser.loginSession();
    JsonNode capture = browser.postJson("/login/challenge", Map.of("userId", user), true).json();
    assertThat(capture.get("frames").asInt()).isEqualTo(1);
    Instant before = Instant.now().minusSeconds(1);
    JsonNode decision = browser.postFiles("/login/answer", "frames",
        List.of(photo("test/spoof/live/apfol_real2_07.jpg"))).json();
    assertThat(decision.get("outcome").asText()).as(decision.toString()).isEqualTo("accepted");
    assertThat(decision.get("message").asText()).isEqualTo("Recognised. Taking you back to Flow app.");

    Browser.Page resumed = browser.get(decision.get("continueTo").asText(), "text/html");
    assertThat(resumed.status()).isEqualTo(302);
    String location = resumed.header("Location");
    assertThat(location).startsWith(REDIRECT + "?code=").contains("state=s-1");
    String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    Browser.Page wrongVerifier = browser.postForm("/oauth2/token", form(code, VERIFIER + "x"), basic);
    assertThat(wrongVerifier.status()).as("PKCE is checked").isEqualTo(400);
    Browser.Page tokens = browser.postForm("/oauth2/token", form(code, VERIFIER), basic);
    assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

    SignedJWT idToken = SignedJWT.parse(tokens.json().get("id_token").asText());
    ECKey key = (ECKey) JWKSet.parse(api.get("/api/v1/auth/jwks.json", null).text()).getKeys().get(0);
    assertThat(idToken.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(idToken.verify(new ECDSAVerifier(key))).as("signed by the API's token key").isTrue();
    JWTClaimsSet claims = idToken.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("http://localhost:" + port);
    assertThat(claims.getSubject()).isEqualTo(user);
    assertThat(claims.getAudience()).containsExactly(clientId);
    assertThat(claims.getStringClaim("nonce")).isEqualTo("n-1");
    assertThat(claims.getStringListClaim("amr")).containsExactly("face", "liveness");
    assertThat(claims.getStringClaim("acr")).isEqualTo(FaceLogin.ACR_PASSIVE);
    assertThat(claims.getLongClaim("auth_time")).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(120_000);
    assertThat(claims.getClaims()).doesNotContainKey("score");
    assertThat(claims.getStringClaim("sid")).as("the login session, from the shared session table").isNotBlank();

    Browser.Page again = browser.postForm("/oauth2/token", form(code, VERIFIER), basic);
    assertThat(again.status()).as("a code is used once").isEqualTo(400);
    assertThat(api.get("/api/v1/admin/audit?user=" + user + "&action=verify", ADMIN_KEY).text())
        .contains("\"actor\":\"oidc:" + clientId + "\"").contains("\"outcome\":\"match\"");
  }

  private static String form(String code, String verifier) {
    return "grant_type=authorization_code&code=" + code + "&redirect_uri="
        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + verifier;
  }

  private static String challenge(String verifier) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
