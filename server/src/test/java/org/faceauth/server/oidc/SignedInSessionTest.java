package org.faceauth.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * A browser signed in on the hosted login page gets codes without a new face check only while its person may still
 * log in: once the operator disables or erases the account, or the face check is older than
 * {@code faceauth.oidc.session-max-age}, the next authorization request sends it to the login page again, and no code
 * is issued for that user id.
 */
@TestPropertySource(properties = {"faceauth.oidc.challenge-required=false", "faceauth.oidc.id-token-ttl=2m"})
class SignedInSessionTest extends ServerTest {
  @Autowired private FaceAuthService service;

  private static final String REDIRECT = "http://localhost:8765/callback";

  @Test
  void aDisabledUsersSignedInBrowserIsSentToTheLoginPageAgain() {
    String authorize = authorizeFor(client());
    Browser browser = signedIn("Abel_Pacheco", authorize);
    assertThat(browser.get(authorize, "text/html").header("Location")).as("signed in: a code at once")
        .startsWith(REDIRECT + "?code=");

    assertThat(api.postJson("/api/v1/admin/users/Abel_Pacheco/disable", ADMIN_KEY, Map.of()).status())
        .isEqualTo(200);
    Browser.Page again = browser.get(authorize, "text/html");
    assertThat(again.status()).isEqualTo(302);
    assertThat(again.header("Location")).endsWith("/login").doesNotContain("code=");

    // Trying again: refused in the same words as another face, so the page does not say the account is disabled.
    browser.loginSession();
    browser.postJson("/login/challenge", Map.of("userId", "Abel_Pacheco"), true);
    JsonNode decision = browser.postFiles("/login/answer", "frames",
        List.of(photo("test/known_faces/Abel_Pacheco_1.jpg"))).json();
    assertThat(decision.get("outcome").asText()).isEqualTo("refused");
    assertThat(decision.get("message").asText())
        .isEqualTo("Not recognised: this face does not match the account. Try again.");
    assertThat(api.get("/api/v1/admin/audit?user=Abel_Pacheco&action=verify", ADMIN_KEY).text())
        .as("the audit log keeps the reason").contains("user_disabled");
  }

  @Test
  void anErasedUsersSignedInBrowserIsSentToTheLoginPageAgain() {
    String authorize = authorizeFor(client());
    Browser browser = signedIn("Anders_Fogh_Rasmussen", authorize);

    assertThat(api.delete("/api/v1/users/Anders_Fogh_Rasmussen", ADMIN_KEY).status()).isEqualTo(204);
    Browser.Page again = browser.get(authorize, "text/html");
    assertThat(again.status()).isEqualTo(302);
    assertThat(again.header("Location")).endsWith("/login").doesNotContain("code=");
  }

  @Test
  void aSessionLastsAtMostTheMaximumAgeCountedFromTheFaceCheck_howeverBusy() throws Exception {
    assertThat(api.postMultipart(newUserFaces("Barack_Obama"), ADMIN_KEY, List.of(
        Part.file("images", photo("users/Barack_Obama/1.jpg")))).status()).isEqualTo(201);
    Instant loggedIn = Instant.now();
    FaceLogin login = FaceLogin.of("Barack_Obama", true, false, loggedIn);

    assertThat(afterCheck(login, Clock.fixed(loggedIn.plus(Duration.ofMinutes(9)), ZoneOffset.UTC)))
        .as("within 10 minutes of the face check").isTrue();
    assertThat(afterCheck(login, Clock.fixed(loggedIn.plus(Duration.ofMinutes(11)), ZoneOffset.UTC)))
        .as("11 minutes after it").isFalse();
  }

  /** Whether the login is still signed in, and its session alive, after the check at {@code clock}'s time. */
  private boolean afterCheck(FaceLogin login, Clock clock) throws Exception {
    SignedInCheck check = new SignedInCheck(service, Duration.ofMinutes(10), clock);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
    MockHttpSession session = new MockHttpSession();
    request.setSession(session);
    SecurityContextHolder.getContext().setAuthentication(login);
    try {
      AtomicBoolean signedIn = new AtomicBoolean();
      check.doFilter(request, new MockHttpServletResponse(), (r, s) -> signedIn.set(
          SecurityContextHolder.getContext().getAuthentication() == login));
      assertThat(session.isInvalid()).isEqualTo(!signedIn.get());
      return signedIn.get();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private Browser signedIn(String user, String authorize) {
    assertThat(api.postMultipart(newUserFaces(user), ADMIN_KEY, List.of(
        Part.file("images", photo("users/" + user + "/1.jpg")),
        Part.file("images", photo("users/" + user + "/2.jpg")))).status()).isEqualTo(201);
    Browser browser = new Browser(port);
    assertThat(browser.get(authorize, "text/html").status()).isEqualTo(302);
    browser.loginSession();
    browser.postJson("/login/challenge", Map.of("userId", user), true);
    JsonNode decision = browser.postFiles("/login/answer", "frames",
        List.of(photo("test/known_faces/" + user + "_1.jpg"))).json();
    assertThat(decision.get("outcome").asText()).as(decision.toString()).isEqualTo("accepted");
    assertThat(browser.get(decision.get("continueTo").asText(), "text/html").header("Location"))
        .startsWith(REDIRECT + "?code=");
    return browser;
  }

  private String client() {
    return api.postJson("/api/v1/admin/clients", ADMIN_KEY, Map.of("name", "Session app", "type", "public",
        "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"))).json().get("client").get("clientId").asText();
  }

  private static String authorizeFor(String clientId) {
    return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + REDIRECT
        + "&scope=openid&state=s-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256";
  }
}
