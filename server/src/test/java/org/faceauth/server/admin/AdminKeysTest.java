package org.faceauth.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * API keys through {@code /api/v1/admin/keys}: a new key's secret is in the creation answer only and works at once;
 * the list never shows secrets; rotation hands out a new secret and kills the old one; revocation kills a key; every
 * change is audited.
 */
class AdminKeysTest extends ServerTest {
  private static final String ADMIN_ONLY = "/api/v1/admin/dashboard";

  private JsonNode create(String name, String role) {
    Answer created = api.postJson("/api/v1/admin/keys", ADMIN_KEY, Map.of("name", name, "role", role));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json();
  }

  @Test
  void aNewKeysSecretIsShownOnceAndWorksWithItsRole() {
    JsonNode admin = create("ops laptop", "admin");
    JsonNode app = create("shop frontend", "app");
    String adminSecret = admin.get("secret").asText();

    assertThat(api.get(ADMIN_ONLY, adminSecret).status()).isEqualTo(200);
    assertThat(api.get(ADMIN_ONLY, app.get("secret").asText()).status()).isEqualTo(403);

    String listing = api.get("/api/v1/admin/keys", ADMIN_KEY).text();
    assertThat(listing).contains(admin.get("key").get("id").asText(), "ops laptop", "shop frontend")
        .doesNotContain(adminSecret, app.get("secret").asText(), "secret", "hash");
  }

  @Test
  void rotationReplacesTheSecretAndRevocationEndsTheKey() {
    JsonNode old = create("rotating", "admin");
    String oldSecret = old.get("secret").asText();
    Answer rotated = api.postJson("/api/v1/admin/keys/" + old.get("key").get("id").asText() + "/rotate",
        ADMIN_KEY, Map.of());
    assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
    String newSecret = rotated.json().get("secret").asText();
    assertThat(rotated.json().get("key").get("name").asText()).isEqualTo("rotating");
    assertThat(rotated.json().get("key").get("role").asText()).isEqualTo("admin");

    assertThat(api.get(ADMIN_ONLY, oldSecret).status()).isEqualTo(401);
    assertThat(api.get(ADMIN_ONLY, newSecret).status()).isEqualTo(200);

    String newId = rotated.json().get("key").get("id").asText();
    assertThat(api.delete("/api/v1/admin/keys/" + newId, ADMIN_KEY).status()).isEqualTo(204);
    assertThat(api.get(ADMIN_ONLY, newSecret).status()).isEqualTo(401);
    Answer again = api.delete("/api/v1/admin/keys/" + newId, ADMIN_KEY);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().get("code").asText()).isEqualTo("NOT_FOUND");

    JsonNode audit = api.get("/api/v1/admin/audit?user=key:" + newId, ADMIN_KEY).json();
    assertThat(audit.get("items").findValuesAsText("action")).contains("create_api_key", "revoke_api_key");
  }

  @Test
  void aKeyNeedsANameAndAKnownRole() {
    Answer noRole = api.postJson("/api/v1/admin/keys", ADMIN_KEY, Map.of("name", "x"));
    assertThat(noRole.status()).isEqualTo(400);
    assertThat(noRole.json().get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(api.postJson("/api/v1/admin/keys", ADMIN_KEY, Map.of("name", "x", "role", "root")).status())
        .isEqualTo(400);
  }
}
