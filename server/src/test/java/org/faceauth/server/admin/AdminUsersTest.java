package org.faceauth.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.FreshServer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * Operators' user management through {@code /api/v1/admin/users}: search by id or name prefix with filters, pages
 * cut by the database in a stable order, one user's detail, disable (refused at verify with USER_DISABLED, left out of
 * identify, audited) and enable.
 */
@FreshServer
class AdminUsersTest extends ServerTest {
  private Answer verify(String user, String photo) {
    return api.postMultipart("/api/v1/auth/verify", appKey,
        List.of(Part.field("userId", user), Part.file("image", photo(photo))));
  }

  private void create(String id, String name) {
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", id, "displayName", name, "consent", true))
        .status()).isEqualTo(201);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("items").forEach(u -> ids.add(u.get("userId").asText()));
    return ids;
  }

  @Test
  void searchMatchesIdOrNamePrefixesFiltersAndPagesInAStableOrder() {
    create("srch-carol", "Zoe Carol");
    create("srch-alice", "Alice Adams");
    create("srch-alina", "Alina Brown");
    create("other-bob", "Alistair Bob");
    assertThat(api.postMultipart("/api/v1/users/srch-alina/faces", ADMIN_KEY,
        List.of(Part.file("images", photo("users/Angela_Bassett/1.jpg")))).status()).isEqualTo(201);

    JsonNode byId = api.get("/api/v1/admin/users?q=srch-ali", ADMIN_KEY).json();
    assertThat(ids(byId)).containsExactly("srch-alice", "srch-alina");
    assertThat(byId.get("total").asLong()).isEqualTo(2);
    assertThat(ids(api.get("/api/v1/admin/users?q=ali", ADMIN_KEY).json()))
        .as("display names match case-insensitively").containsExactly("other-bob", "srch-alice", "srch-alina");
    assertThat(ids(api.get("/api/v1/admin/users?q=srch-&enrolled=true", ADMIN_KEY).json()))
        .containsExactly("srch-alina");
    assertThat(ids(api.get("/api/v1/admin/users?q=srch-&enrolled=false", ADMIN_KEY).json()))
        .containsExactly("srch-alice", "srch-carol");
    assertThat(ids(api.get("/api/v1/admin/users?q=srch_", ADMIN_KEY).json()))
        .as("'_' is a character, not a LIKE wildcard").isEmpty();

    JsonNode first = api.get("/api/v1/admin/users?q=srch-&size=2&page=0", ADMIN_KEY).json();
    JsonNode second = api.get("/api/v1/admin/users?q=srch-&size=2&page=1", ADMIN_KEY).json();
    assertThat(ids(first)).containsExactly("srch-alice", "srch-alina");
    assertThat(ids(second)).containsExactly("srch-carol");
    assertThat(second.get("total").asLong()).isEqualTo(3);

    Answer tooBig = api.get("/api/v1/admin/users?size=201", ADMIN_KEY);
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.json().get("code").asText()).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void aDisabledUserIsRefusedAtVerifyLeftOutOfIdentifyAndAuditedUntilEnabled() {
    Answer enrolled = api.postMultipart(newUserFaces("dis-bill"), ADMIN_KEY, List.of(
        Part.file("images", photo("users/Bill_Frist/1.jpg")), Part.file("images", photo("users/Bill_Frist/2.jpg"))));
    assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
    assertThat(verify("dis-bill", "test/known_faces/Bill_Frist_1.jpg").json().get("outcome").asText())
        .isEqualTo("match");

    JsonNode detail = api.get("/api/v1/admin/users/dis-bill", ADMIN_KEY).json();
    assertThat(detail.get("templates").asInt()).isEqualTo(enrolled.json().get("templatesAdded").asInt()).isPositive();
    assertThat(detail.get("meanQuality").asDouble()).isBetween(0.5, 1.0);
    assertThat(detail.get("lastVerifiedAt").isNull()).isFalse();
    assertThat(detail.get("locked").asBoolean()).isFalse();
    assertThat(detail.get("status").asText()).isEqualTo("active");

    Answer disabled = api.postJson("/api/v1/admin/users/dis-bill/disable", ADMIN_KEY, Map.of());
    assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
    assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
    assertThat(ids(api.get("/api/v1/admin/users?q=dis-&disabled=true", ADMIN_KEY).json())).containsExactly("dis-bill");

    Answer refused = verify("dis-bill", "test/known_faces/Bill_Frist_1.jpg");
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(refused.json().get("code").asText()).isEqualTo("USER_DISABLED");
    assertThat(refused.text()).doesNotContain("token");
    Answer identified = api.postMultipart("/api/v1/auth/identify", appKey,
        List.of(Part.file("image", photo("test/known_faces/Bill_Frist_1.jpg"))));
    assertThat(identified.text()).doesNotContain("dis-bill");

    JsonNode audit = api.get("/api/v1/admin/audit?user=dis-bill", ADMIN_KEY).json();
    List<String> trail = new ArrayList<>();
    audit.get("items").forEach(e -> trail.add(e.get("action").asText() + ":" + e.get("outcome").asText()));
    assertThat(trail).contains("disable_user:disabled", "verify:user_disabled");

    assertThat(api.postJson("/api/v1/admin/users/dis-bill/enable", ADMIN_KEY, Map.of()).json().get("status")
        .asText()).isEqualTo("active");
    assertThat(verify("dis-bill", "test/known_faces/Bill_Frist_1.jpg").json().get("outcome").asText())
        .isEqualTo("match");
  }

  @Test
  void anUnknownUserIsNotFound() {
    Answer detail = api.get("/api/v1/admin/users/nobody-at-all", ADMIN_KEY);
    assertThat(detail.status()).isEqualTo(404);
    assertThat(detail.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
    assertThat(api.postJson("/api/v1/admin/users/nobody-at-all/disable", ADMIN_KEY, Map.of()).status())
        .isEqualTo(404);
  }
}
