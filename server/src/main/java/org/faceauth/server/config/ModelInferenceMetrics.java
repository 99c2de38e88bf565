package org.faceauth.server.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.faceauth.core.model.InferenceModel;
import org.faceauth.core.pipeline.FaceEngine;
import org.springframework.stereotype.Component;

/**
 * {@code faceauth_model_inferences_total{model=…}}: how many times each model the engine loaded at start has run, so
 * an operator (and the tests) can see which detector and embedder actually serve each flow of the configured scenario.
 */
@Component
final class ModelInferenceMetrics implements MeterBinder {
  private final FaceEngine engine;

  ModelInferenceMetrics(FaceEngine engine) {
    this.engine = engine;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (InferenceModel model : engine.loadedModels()) {
      FunctionCounter.builder("faceauth.model.inferences", model, InferenceModel::inferenceCalls)
          .description("Inferences run by each model loaded at start")
          .tag("model", model.source().relativePath())
          .register(registry);
    }
  }
}
