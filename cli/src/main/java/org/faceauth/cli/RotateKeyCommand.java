package org.faceauth.cli;

import org.faceauth.store.FaceAuthSystem;
import picocli.CommandLine.Command;

/** {@code faceauth rotate-key}: new template key, every template re-encrypted, old key retired. */
@Command(
    name = "rotate-key",
    description = "Generate a new template key and re-encrypt every template with it (other nodes sharing the key file keep serving).")
final class RotateKeyCommand extends StoreCommand {
  @Override
  int run(StoreOptions.Session session) {
    FaceAuthSystem.KeyRotation rotation = session.system().rotateKey();
    Json.println(out(), Json.object(
        "previousKeys", rotation.previousKeyIds(),
        "newKey", rotation.newKeyId(),
        "templates", rotation.templates()));
    return FaceAuthCli.EXIT_OK;
  }
}
