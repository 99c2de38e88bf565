package org.faceauth.server.config;

import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first admin key. With {@code FACEAUTH_BOOTSTRAP_ADMIN_KEY} set, that key is registered (once) as an admin key;
 * otherwise, when no admin key exists yet, one is made and printed once on standard output. There are no built-in
 * keys.
 */
@Component
public final class BootstrapAdminKey implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdminKey.class);

  private final ApiKeyStore keys;
  private final ServerSettings settings;

  public BootstrapAdminKey(ApiKeyStore keys, ServerSettings settings) {
    this.keys = keys;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments args) {
    String given = settings.bootstrapAdminKey();
    if (given != null && !given.isBlank()) {
      if (keys.authenticate(given).isEmpty()) {
        keys.register("bootstrap (FACEAUTH_BOOTSTRAP_ADMIN_KEY)", ApiKeyRole.ADMIN, given);
        LOG.info("Registered the admin key from FACEAUTH_BOOTSTRAP_ADMIN_KEY");
      }
      return;
    }
    if (!keys.hasActiveAdmin()) {
      ApiKeyStore.IssuedKey issued = keys.create("first admin key", ApiKeyRole.ADMIN);
      System.out.println("FaceAuth: first admin API key (shown once, store it now): " + issued.secret());
      System.out.flush();
    }
  }
}
