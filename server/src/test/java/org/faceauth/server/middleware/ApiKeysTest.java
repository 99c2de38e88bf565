package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Keys are stored hashed, work until revoked, name the actor in the audit log, and the bootstrap admin key is
 * registered at start.
 */
class ApiKeysTest extends ServerTest {
  @Autowired AuditLog audit;

  @Test
  void aCreatedKeyWorksUntilItIsRevoked() {
    ApiKeyStore.IssuedKey admin = keys.create("operator", ApiKeyRole.ADMIN);
    assertThat(admin.secret()).startsWith("fa_").hasSizeGreaterThan(40);
    assertThat(api.get("/api/v1/users", admin.secret()).status()).isEqualTo(200);

    assertThat(keys.revoke(admin.key().id())).isTrue();
    assertThat(api.get("/api/v1/users", admin.secret()).status()).isEqualTo(401);
  }

  @Test
  void theKeyThatMakesAChangeIsItsAuditedActor() {
    ApiKeyStore.IssuedKey admin = keys.create("auditor", ApiKeyRole.ADMIN);
    assertThat(api.postJson("/api/v1/users", admin.secret(), Map.of("userId", "audited-by-key")).status())
        .isEqualTo(201);
    assertThat(audit.recent(50)).anySatisfy(event -> {
      assertThat(event.subject()).isPresent();
      assertThat(event.actor()).isEqualTo("key:" + admin.key().id());
    });
  }

  @Test
  void theBootstrapAdminKeyIsRegisteredAndKeysAreNeverStoredInClear() {
    assertThat(keys.list()).anySatisfy(k -> {
      assertThat(k.role()).isEqualTo(ApiKeyRole.ADMIN);
      assertThat(k.name()).contains("FACEAUTH_BOOTSTRAP_ADMIN_KEY");
    });
    assertThat(keys.list().toString()).doesNotContain(ADMIN_KEY).doesNotContain(appKey);
    assertThat(api.get("/api/v1/users", ADMIN_KEY).status()).isEqualTo(200);
  }
}
