package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/** Keys are stored hashed, work until revoked, and the bootstrap admin key is registered at start. */
class ApiKeysTest extends ServerTest {
  @Test
  void aCreatedKeyWorksUntilItIsRevoked() {
    ApiKeyStore.IssuedKey admin = keys.create("operator", ApiKeyRole.ADMIN);
    assertThat(admin.secret()).startsWith("fa_").hasSizeGreaterThan(40);
    assertThat(api.get("/api/v1/users", admin.secret()).status()).isEqualTo(200);

    assertThat(keys.revoke(admin.key().id())).isTrue();
    assertThat(api.get("/api/v1/users", admin.secret()).status()).isEqualTo(401);
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
