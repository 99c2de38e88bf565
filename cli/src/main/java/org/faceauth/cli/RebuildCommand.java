package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.store.dataset.EmbeddingExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code faceauth rebuild}: restore the templates from {@code dataset/processed/embeddings}. */
@Command(
    name = "rebuild",
    description = "Restore users and templates from dataset/processed/embeddings (after losing the database).")
final class RebuildCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Override
  public Integer call() {
    try (StoreOptions.Session session = store.open(engine, workers)) {
      int users = new EmbeddingExport(session.system().dataset()).rebuild(session.system().store());
      session.system().service().reloadIndex();
      Json.println(spec.commandLine().getOut(), Json.object(
          "users", users, "templates", session.system().service().index().size()));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
