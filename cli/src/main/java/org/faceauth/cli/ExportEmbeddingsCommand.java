package org.faceauth.cli;

import org.faceauth.store.dataset.EmbeddingExport;
import picocli.CommandLine.Command;

/** {@code faceauth export-embeddings}: every user's templates to {@code dataset/processed/embeddings/<id>.npy}. */
@Command(
    name = "export-embeddings",
    description = "Write each user's templates to dataset/processed/embeddings/<user_id>.npy (+ .json manifest).")
final class ExportEmbeddingsCommand extends StoreCommand {
  @Override
  int run(StoreOptions.Session session) {
    String model = session.system().service().index().modelId();
    int users = new EmbeddingExport(session.system().dataset()).export(session.system().store(), model);
    Json.println(out(), Json.object(
        "users", users, "model", model, "folder", session.system().dataset().embeddingsFolder().toString()));
    return FaceAuthCli.EXIT_OK;
  }
}
