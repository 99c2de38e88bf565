package org.faceauth.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.ModelStatus;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.RequiredModels;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.store.FaceAuthSystem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/health}: UP when every model the configuration needs is verified and loaded, the database
 * answers and the store takes writes; 503 DOWN with the reasons otherwise. No key needed (load balancers and
 * orchestrators call it), so the reasons name parts, never paths or error texts.
 */
@Tag(name = "Health", description = "Whether the service can answer (public)")
@RestController
class HealthController {
  private final FaceEngine engine;
  private final FaceAuthSystem system;
  private final StoreWriteCheck storeWrites;
  private final boolean livenessRequired;

  HealthController(FaceEngine engine, FaceAuthSystem system, StoreWriteCheck storeWrites, ServerSettings settings) {
    this.engine = engine;
    this.system = system;
    this.storeWrites = storeWrites;
    this.livenessRequired = settings.liveness().required();
  }

  /**
   * The answer.
   *
   * @param status UP or DOWN
   * @param liveness the process answers (always UP)
   * @param readiness UP when requests can be served, as {@code status}
   * @param database up when a connection answers
   * @param databaseKind sqlite or postgresql
   * @param storage writable when the database and the data directory take writes
   * @param models each model file the configuration needs, with its status (verified, missing, wrong_checksum)
   * @param reasons why the service is DOWN (empty when UP)
   * @param templates templates in the index
   */
  record Health(
      String status,
      String liveness,
      String readiness,
      String database,
      String databaseKind,
      String storage,
      Map<String, String> models,
      List<String> reasons,
      int templates) {}

  @Operation(summary = "Whether the service can answer: models, database, storage (public; 503 when down)")
  @SecurityRequirements
  @GetMapping("/api/v1/health")
  ResponseEntity<Health> health() {
    List<String> reasons = new ArrayList<>();
    Map<String, String> models = new LinkedHashMap<>();
    for (ModelFile file : RequiredModels.of(engine.config(), livenessRequired)) {
      ModelStatus status = engine.config().models().status(file);
      models.put(file.relativePath(), status.name().toLowerCase(Locale.ROOT));
      if (status != ModelStatus.VERIFIED) {
        reasons.add("model " + file.relativePath() + " is " + status.name().toLowerCase(Locale.ROOT));
      }
    }
    boolean databaseUp = system.database().reachable(2);
    if (!databaseUp) {
      reasons.add("the database does not answer");
    }
    List<String> storeProblems = databaseUp ? storeWrites.problems() : List.of();
    reasons.addAll(storeProblems);
    boolean up = reasons.isEmpty();
    String state = up ? "UP" : "DOWN";
    Health body = new Health(
        state,
        "UP",
        state,
        databaseUp ? "up" : "down",
        system.dialect().name().toLowerCase(Locale.ROOT),
        databaseUp && storeProblems.isEmpty() ? "writable" : "not writable",
        models,
        reasons,
        system.service().index().size());
    return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
  }
}
