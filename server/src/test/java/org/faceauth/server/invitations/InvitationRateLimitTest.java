package org.faceauth.server.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Past an invitation's own budget its page's calls get 429, while another invitation goes on. */
@TestPropertySource(properties = {
    "faceauth.rate-limit.per-address-per-minute=1000", "faceauth.rate-limit.per-key-per-minute=1000",
    "faceauth.invitations.per-minute=3"})
class InvitationRateLimitTest extends ServerTest {
  private String secret(String userId) {
    Answer created = api.postJson("/api/v1/admin/invitations", ADMIN_KEY, Map.of("userId", userId));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String url = created.json().get("url").asText();
    return url.substring(url.indexOf('#') + 1);
  }

  @Test
  void anInvitationPastItsBudgetIsRefusedWhileAnotherGoesOn() {
    String busy = secret("rate-busy");
    String other = secret("rate-other");
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/api/v1/invitation", null, "Authorization", "Invitation " + busy).status()).isEqualTo(200);
    }
    Answer limited = api.get("/api/v1/invitation", null, "Authorization", "Invitation " + busy);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(api.get("/api/v1/invitation", null, "Authorization", "Invitation " + other).status()).isEqualTo(200);
  }
}
