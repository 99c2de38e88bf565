package org.faceauth.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The audit log through {@code /api/v1/admin/audit}: filters by user, action, outcome and time range, pages newest
 * first, and exports as JSON or as CSV that a spreadsheet cannot read as formulas.
 */
class AdminAuditTest extends ServerTest {
  @Test
  void eventsAreFilteredByUserActionOutcomeAndTimeNewestFirst() {
    Instant before = Instant.now();
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "audit-ann")).status()).isEqualTo(201);
    assertThat(api.postJson("/api/v1/users/audit-ann/unlock", ADMIN_KEY, Map.of()).status()).isEqualTo(200);
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "audit-other")).status()).isEqualTo(201);

    JsonNode ann = api.get("/api/v1/admin/audit?user=audit-ann", ADMIN_KEY).json();
    assertThat(ann.get("total").asLong()).isEqualTo(2);
    assertThat(ann.get("items").findValuesAsText("action")).containsExactly("unlock", "create_user");

    assertThat(api.get("/api/v1/admin/audit?user=audit-ann&action=unlock&outcome=nothing_to_unlock", ADMIN_KEY)
        .json().get("total").asLong()).isEqualTo(1);
    assertThat(api.get("/api/v1/admin/audit?user=audit-ann&action=erase", ADMIN_KEY).json().get("total").asLong())
        .isZero();
    assertThat(api.get("/api/v1/admin/audit?user=audit-ann&from=" + before, ADMIN_KEY).json().get("total")
        .asLong()).isEqualTo(2);
    assertThat(api.get("/api/v1/admin/audit?user=audit-ann&to=" + before, ADMIN_KEY).json().get("total").asLong())
        .isZero();

    JsonNode page = api.get("/api/v1/admin/audit?action=create_user&size=1&page=0", ADMIN_KEY).json();
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badFiltersAreRefusedWithAStableCode() {
    for (String query : new String[] {"action=fly", "from=yesterday", "size=201",
        "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"}) {
      Answer answer = api.get("/api/v1/admin/audit?" + query, ADMIN_KEY);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.json().get("code").asText()).as(query).isIn("BAD_REQUEST", "INVALID_REQUEST");
      assertThat(answer.json().get("requestId").asText()).isNotBlank();
    }
  }

  @Test
  void theCsvExportEscapesCellsASpreadsheetWouldReadAsFormulas() {
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", "-2-1")).status()).isEqualTo(201);
    Answer csv = api.get("/api/v1/admin/audit/export?format=csv&user=-2-1", ADMIN_KEY);
    assertThat(csv.status()).as(csv.text()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("attachment", "audit.csv");
    String[] lines = new String(csv.body(), StandardCharsets.UTF_8).split("\r\n");
    assertThat(lines[0]).isEqualTo("at,actor,action,subject,related_subject,outcome,score,request_id,client_address");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains(",create_user,'-2-1,,created,").doesNotContain(",-2-1");

    Answer json = api.get("/api/v1/admin/audit/export?format=json&user=-2-1", ADMIN_KEY);
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.json().get("items").get(0).get("subject").asText()).as("JSON keeps the value as it is")
        .isEqualTo("-2-1");
  }
}
