package org.faceauth.cli;

import org.faceauth.store.dataset.EmbeddingExport;
import picocli.CommandLine.Command;

/** {@code faceauth rebuild}: restore the templates from {@code dataset/processed/embeddings}. */
@Command(
    name = "rebuild",
    description = "Restore users and templates from dataset/processed/embeddings (after losing the database).")
final class RebuildCommand extends StoreCommand {
  @Override
  int run(StoreOptions.Session session) {
    int users = new EmbeddingExport(session.system().dataset()).rebuild(session.system().store());
    session.system().service().reloadIndex();
    Json.println(out(), Json.object("users", users, "templates", session.system().service().index().size()));
    return FaceAuthCli.EXIT_OK;
  }
}
