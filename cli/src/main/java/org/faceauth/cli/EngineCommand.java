package org.faceauth.cli;

import org.faceauth.core.pipeline.EngineConfig;
import picocli.CommandLine.Mixin;

/** A {@link StoreCommand} that runs faces through the engine, so it takes the engine and worker options too. */
abstract class EngineCommand extends StoreCommand {
  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin Workers workers = new Workers();

  @Override
  final EngineConfig engineConfig() {
    return engine.config(workers.inference());
  }
}
