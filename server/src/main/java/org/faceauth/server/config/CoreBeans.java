package org.faceauth.server.config;

import java.time.Clock;
import org.faceauth.core.flow.AccountStatus;
import org.faceauth.core.flow.EnrollmentPolicy;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.RequiredModels;
import org.faceauth.server.token.TokenIssuer;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;
import org.faceauth.store.jdbc.JdbcAuditLog;
import org.faceauth.store.jdbc.JdbcUserDirectory;
import org.faceauth.store.invitations.InvitationStore;
import org.faceauth.store.keys.ApiKeyStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core library and the store as Spring beans, built from the bound {@link ServerSettings} (engine, liveness and
 * store settings alike; nothing is read from the environment directly): the engine checks every model the configuration needs at start (all
 * missing or corrupt files stop the server in one message) and loads them, liveness included when verification
 * requires it; the system opens the database and the template index.
 */
@Configuration
public class CoreBeans {
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  FaceEngine faceEngine(ServerSettings settings) {
    ModelDirectory models = settings.modelsDir() == null
        ? ModelDirectory.bundled()
        : ModelDirectory.withOverrides(settings.modelsDir());
    // One thread per inference: the server's parallelism is its concurrent requests (bounded by InferenceLimiter).
    EngineConfig config = settings.engine().config(models, new InferenceOptions(1));
    models.requireAll(RequiredModels.of(config, settings.liveness().required()));
    FaceEngine engine = FaceEngine.open(config);
    if (settings.liveness().required()) {
      try {
        engine.liveness();
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
    }
    return engine;
  }

  @Bean
  StoreSettings storeSettings(ServerSettings settings) {
    return settings.store();
  }

  @Bean(destroyMethod = "close")
  FaceAuthSystem faceAuthSystem(StoreSettings store, FaceEngine engine, Clock clock, ServerSettings settings) {
    return FaceAuthSystem.open(store, engine, clock, settings.livenessPolicy(), settings.loginPolicy(),
        new EnrollmentPolicy(settings.enrollment().consentRequired()));
  }

  @Bean
  FaceAuthService faceAuthService(FaceAuthSystem system) {
    return system.service();
  }

  @Bean
  ApiKeyStore apiKeyStore(FaceAuthSystem system) {
    return system.apiKeys();
  }

  @Bean
  InvitationStore invitationStore(FaceAuthSystem system) {
    return system.invitations();
  }

  /** The audit log, written by the flows and searched by the admin API. */
  @Bean
  JdbcAuditLog auditLog(FaceAuthSystem system) {
    return system.auditLog();
  }

  @Bean
  JdbcUserDirectory userDirectory(FaceAuthSystem system) {
    return system.users();
  }

  @Bean
  AccountStatus accountStatus(FaceAuthSystem system) {
    return system.accountStatus();
  }

  @Bean
  TokenIssuer tokenIssuer(StoreSettings store, ServerSettings settings, Clock clock) {
    return new TokenIssuer(TokenIssuer.loadOrCreateKey(store.dataDirectory()), settings.token(), clock);
  }
}
