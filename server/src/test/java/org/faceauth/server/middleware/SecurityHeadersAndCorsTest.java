package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Security headers on every answer; CORS only for the configured origin. */
class SecurityHeadersAndCorsTest extends ServerTest {
  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (Answer answer : new Answer[] {api.get("/api/v1/health", null), api.get("/api/v1/users", null)}) {
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
      assertThat(answer.header("Content-Security-Policy")).contains("default-src 'none'");
    }
  }

  @Test
  void preflightsFromTheConfiguredOriginPassAndOthersAreRefused() {
    Answer allowed = api.options("/api/v1/auth/verify", Map.of(
        "Origin", "https://app.example.org",
        "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "X-API-Key"));
    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
    assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("X-API-Key");

    Answer refused = api.options("/api/v1/auth/verify", Map.of(
        "Origin", "https://evil.example.com", "Access-Control-Request-Method", "POST"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

    Answer simple = api.get("/api/v1/health", null, "Origin", "https://app.example.org");
    assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
  }
}
