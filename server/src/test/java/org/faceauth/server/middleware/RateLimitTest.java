package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Past the per-address budget, requests get 429 with Retry-After, also when the key is wrong (guessing keys is slowed)
 * and on public routes; past a key's own budget, that key is refused while another key goes on.
 */
@TestPropertySource(properties = {
    "faceauth.rate-limit.per-address-per-minute=12", "faceauth.rate-limit.per-key-per-minute=3"})
class RateLimitTest extends ServerTest {
  @Test
  void aKeyPastItsBudgetIsRefusedWhileAnotherKeyGoesOn_thenTheAddressIsRefusedWhateverTheKey() {
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/api/v1/users", ADMIN_KEY).status()).isEqualTo(200);
    }
    Answer keyLimited = api.get("/api/v1/users", ADMIN_KEY);
    assertThat(keyLimited.status()).isEqualTo(429);
    assertThat(keyLimited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(api.get("/api/v1/users", appKey).status()).isEqualTo(403);

    for (int i = 0; i < 7; i++) {
      assertThat(api.get("/api/v1/users", "fa_guessing-keys-" + i + "-000000000000").status()).isEqualTo(401);
    }
    Answer limited = api.get("/api/v1/users", "fa_guessing-keys-last-000000000000");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(api.get("/api/v1/health", null).status()).isEqualTo(429);
  }
}
