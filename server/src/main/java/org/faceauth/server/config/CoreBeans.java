package org.faceauth.server.config;

import java.time.Clock;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.server.token.TokenIssuer;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;
import org.faceauth.store.keys.ApiKeyStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The core library and the store as Spring beans: the engine loads and verifies every model at start (a missing or
 * corrupt file stops the server with its name), the system opens the database and the template index.
 */
@Configuration
public class CoreBeans {
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  FaceEngine faceEngine(ServerSettings settings) {
    ModelDirectory models =
        settings.modelsDir() == null ? ModelDirectory.fromEnvironment() : new ModelDirectory(settings.modelsDir());
    // One thread per inference: the server's parallelism is its concurrent requests (bounded by InferenceLimiter).
    return FaceEngine.open(EngineConfig.defaults(models).withInference(new InferenceOptions(1)));
  }

  @Bean
  StoreSettings storeSettings(ServerSettings settings) {
    StoreSettings store = StoreSettings.fromEnvironment(System.getenv());
    if (settings.dataDir() != null) {
      store = store.withDataDirectory(settings.dataDir());
    }
    if (settings.dbUrl() != null && !settings.dbUrl().isBlank()) {
      store = store.withDatabaseUrl(settings.dbUrl());
    }
    return store;
  }

  @Bean(destroyMethod = "close")
  FaceAuthSystem faceAuthSystem(StoreSettings store, FaceEngine engine, Clock clock, ServerSettings settings) {
    return FaceAuthSystem.open(store, engine, clock,
        new LivenessPolicy(settings.liveness().required(), settings.liveness().threshold()));
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
  AuditLog auditLog(FaceAuthSystem system) {
    return system.store();
  }

  @Bean
  TokenIssuer tokenIssuer(StoreSettings store, ServerSettings settings, Clock clock) {
    return new TokenIssuer(TokenIssuer.loadOrCreateKey(store.dataDirectory()), settings.token(), clock);
  }
}
