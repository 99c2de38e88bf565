package org.faceauth.store.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored API key (never the key itself, which is shown once).
 *
 * @param id public id, safe to log
 * @param name what the key is for
 * @param role what it may do
 * @param createdAt when it was made
 * @param revokedAt when it was revoked, if it was
 */
public record ApiKey(String id, String name, ApiKeyRole role, Instant createdAt, Optional<Instant> revokedAt) {
  public boolean active() {
    return revokedAt.isEmpty();
  }
}
