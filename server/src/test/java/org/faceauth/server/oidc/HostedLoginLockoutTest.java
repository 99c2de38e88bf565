package org.faceauth.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A stranger on the hosted login page cannot lock someone else out: failures from one client address lock that
 * address's logins of the id, while the owner logs in from theirs; only failures from several addresses together
 * (here 4, two addresses' worth) lock the id on the page for everyone. API keys keep their own count per user id. The
 * server trusts the loopback proxy's {@code X-Forwarded-For} ({@code server.forward-headers-strategy=native}), which
 * stands for clients at different addresses; what a client writes before the proxy's own entry changes nothing.
 */
@TestPropertySource(properties = {"faceauth.oidc.challenge-required=false", "faceauth.lockout.max-failures=2",
    "faceauth.lockout.max-failures-across-networks=4", "server.forward-headers-strategy=native"})
class HostedLoginLockoutTest extends ServerTest {
  private static final String REDIRECT = "http://localhost:8765/callback";
  private static final String IMPOSTOR = "test/known_faces/Angelina_Jolie_1.jpg";
  private static final String LOCKED = "This account is locked for a while after repeated failed attempts.";

  private String clientId;

  @BeforeEach
  void application() {
    if (clientId == null) {
      clientId = api.postJson("/api/v1/admin/clients", ADMIN_KEY, Map.of("name", "Lockout app", "type", "public",
          "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"))).json().get("client").get("clientId")
          .asText();
    }
  }

  @Test
  void aStrangersFailuresLockOnlyTheirAddress_theOwnerLogsInFromAnotherAndOverTheApi() {
    enroll("Bob_Graham");

    assertThat(login("198.51.100.7", "Bob_Graham", IMPOSTOR).get("outcome").asText()).isEqualTo("refused");
    assertThat(login("198.51.100.7", "Bob_Graham", IMPOSTOR).get("outcome").asText()).isEqualTo("refused");
    JsonNode strangerAgain = login("198.51.100.7", "Bob_Graham", genuine("Bob_Graham"));
    assertThat(strangerAgain.get("outcome").asText()).as("the stranger's address is locked, even for the right face")
        .isEqualTo("denied");
    assertThat(strangerAgain.get("message").asText()).startsWith(LOCKED);

    JsonNode owner = login("203.0.113.9", "Bob_Graham", genuine("Bob_Graham"));
    assertThat(owner.get("outcome").asText()).as(owner.toString()).isEqualTo("accepted");
    assertThat(verifyOverTheApi("Bob_Graham", genuine("Bob_Graham"), "198.51.100.7").json().get("match").asBoolean())
        .as("the API's count is its own").isTrue();
    assertThat(api.get("/api/v1/admin/users/Bob_Graham", ADMIN_KEY).json().get("locked").asBoolean())
        .as("the console does not show the account locked by a stranger's own lock").isFalse();
  }

  @Test
  void failuresFromSeveralAddressesLockTheIdOnThePageForEveryone_butNotOverTheApi() {
    enroll("Boris_Becker");
    for (String stranger : List.of("198.51.100.7", "198.51.100.8")) {
      for (int i = 0; i < 2; i++) {
        assertThat(login(stranger, "Boris_Becker", IMPOSTOR).get("outcome").asText()).isEqualTo("refused");
      }
    }

    JsonNode owner = login("203.0.113.9", "Boris_Becker", genuine("Boris_Becker"));
    assertThat(owner.get("outcome").asText()).as("a fresh address, the right face").isEqualTo("denied");
    assertThat(owner.get("message").asText()).startsWith(LOCKED);
    assertThat(api.get("/api/v1/admin/audit?user=Boris_Becker&action=lockout", ADMIN_KEY).text())
        .contains("locked_for_900s_from_every_network");
    assertThat(api.get("/api/v1/admin/users/Boris_Becker", ADMIN_KEY).json().get("locked").asBoolean()).isTrue();
    assertThat(verifyOverTheApi("Boris_Becker", genuine("Boris_Becker"), "203.0.113.9").json().get("match")
        .asBoolean()).as("an application's backend still verifies the owner").isTrue();

    assertThat(api.postJson("/api/v1/users/Boris_Becker/unlock", ADMIN_KEY, Map.of()).json().get("cleared")
        .asBoolean()).isTrue();
    assertThat(login("203.0.113.9", "Boris_Becker", genuine("Boris_Becker")).get("outcome").asText())
        .as("unlocked").isEqualTo("accepted");
  }

  @Test
  void apiKeyFailuresStillLockTheIdPerUserId_fromWhateverAddress() {
    enroll("Gordon_Brown");
    assertThat(verifyOverTheApi("Gordon_Brown", IMPOSTOR, "198.51.100.7").status()).isEqualTo(200);
    assertThat(verifyOverTheApi("Gordon_Brown", IMPOSTOR, "198.51.100.8").status()).isEqualTo(200);

    Answer locked = verifyOverTheApi("Gordon_Brown", genuine("Gordon_Brown"), "203.0.113.9");
    assertThat(locked.status()).isEqualTo(423);
    assertThat(locked.json().get("code").asText()).isEqualTo("USER_LOCKED");
  }

  @Test
  void whatAClientWritesBeforeTheProxysOwnForwardedEntryGivesItNoFreshAddress() {
    enroll("Hugo_Chavez");
    for (int i = 1; i <= 2; i++) {
      assertThat(login("192.0.2." + i + ", 198.51.100.20", "Hugo_Chavez", IMPOSTOR).get("outcome").asText())
          .isEqualTo("refused");
    }

    JsonNode again = login("192.0.2.3, 198.51.100.20", "Hugo_Chavez", genuine("Hugo_Chavez"));
    assertThat(again.get("outcome").asText()).as("counted under 198.51.100.20, the address the proxy saw")
        .isEqualTo("denied");
  }

  private void enroll(String user) {
    Answer enrolled = api.postMultipart(newUserFaces(user), ADMIN_KEY, List.of(
        Part.file("images", photo("users/" + user + "/1.jpg")),
        Part.file("images", photo("users/" + user + "/2.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
  }

  private static String genuine(String user) {
    return "test/known_faces/" + user + "_1.jpg";
  }

  /** One face check on the login page, from a new browser whose proxy forwards {@code forwardedFor}: the decision. */
  private JsonNode login(String forwardedFor, String user, String face) {
    Browser browser = Browser.behindProxy(port, forwardedFor);
    String authorize = "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + REDIRECT
        + "&scope=openid&state=s-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256";
    assertThat(browser.get(authorize, "text/html").status()).isEqualTo(302);
    browser.loginSession();
    assertThat(browser.postJson("/login/challenge", Map.of("userId", user), true).status()).isEqualTo(200);
    return browser.postFiles("/login/answer", "frames", List.of(photo(face))).json();
  }

  private Answer verifyOverTheApi(String user, String face, String forwardedFor) {
    return api.postMultipart("/api/v1/auth/verify", appKey,
        List.of(Part.field("userId", user), Part.file("image", photo(face))), "X-Forwarded-For", forwardedFor);
  }
}
