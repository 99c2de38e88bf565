package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.store.FaceAuthSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code faceauth rotate-key}: new template key, every template re-encrypted, old key retired. */
@Command(
    name = "rotate-key",
    description = "Generate a new template key and re-encrypt every template with it (stop other nodes first).")
final class RotateKeyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Override
  public Integer call() {
    try (StoreOptions.Session session = store.open(engine, workers)) {
      FaceAuthSystem.KeyRotation rotation = session.system().rotateKey();
      Json.println(spec.commandLine().getOut(), Json.object(
          "previousKeys", rotation.previousKeyIds(),
          "newKey", rotation.newKeyId(),
          "templates", rotation.templates()));
    }
    return FaceAuthCli.EXIT_OK;
  }
}
