package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.store.dataset.EmbeddingExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code faceauth export-embeddings}: every user's templates to {@code dataset/processed/embeddings/<id>.npy}. */
@Command(
    name = "export-embeddings",
    description = "Write each user's templates to dataset/processed/embeddings/<user_id>.npy (+ .json manifest).")
final class ExportEmbeddingsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Override
  public Integer call() {
    try (StoreOptions.Session session = store.open(engine, workers)) {
      String model = session.system().service().index().modelId();
      int users = new EmbeddingExport(session.system().dataset()).export(session.system().store(), model);
      Json.println(spec.commandLine().getOut(), Json.object(
          "users", users, "model", model, "folder", session.system().dataset().embeddingsFolder().toString()));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
