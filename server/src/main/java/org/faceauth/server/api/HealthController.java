package org.faceauth.server.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.faceauth.core.model.InferenceModel;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.ModelStatus;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.store.FaceAuthSystem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/health}: UP when the models in use are verified and the database answers; 503 with the failing
 * part otherwise. No key needed (load balancers and orchestrators call it).
 */
@RestController
class HealthController {
  private final FaceEngine engine;
  private final FaceAuthSystem system;

  HealthController(FaceEngine engine, FaceAuthSystem system) {
    this.engine = engine;
    this.system = system;
  }

  @GetMapping("/api/v1/health")
  ResponseEntity<Map<String, Object>> health() {
    Map<String, Object> models = new LinkedHashMap<>();
    boolean modelsUp = true;
    for (InferenceModel model : engine.loadedModels()) {
      ModelFile file = model.file();
      ModelStatus status = engine.config().models().status(file);
      models.put(file.relativePath(), status.name().toLowerCase(Locale.ROOT));
      modelsUp &= status == ModelStatus.VERIFIED;
    }
    boolean databaseUp = system.store().database().reachable(2);
    String database = databaseUp ? "up" : "down";
    boolean up = modelsUp && databaseUp;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("liveness", "UP");
    body.put("readiness", up ? "UP" : "DOWN");
    body.put("database", database);
    body.put("databaseKind", system.dialect().name().toLowerCase(Locale.ROOT));
    body.put("models", models);
    body.put("templates", system.service().index().size());
    return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
  }
}
