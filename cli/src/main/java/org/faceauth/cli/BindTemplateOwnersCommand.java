package org.faceauth.cli;

import java.util.concurrent.Callable;
import org.faceauth.store.FaceAuthSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth bind-template-owners}: once, after upgrading from a version that did not bind templates to their
 * owner, re-seals every template bound to it. A server refuses such a database until this has run; it is an operator's
 * step, never a server's, because the database's own flag cannot be trusted to say when it is due.
 */
@Command(
    name = "bind-template-owners",
    mixinStandardHelpOptions = true,
    description = "Once, after upgrading from a FaceAuth that did not bind templates to their owner, with every node "
        + "stopped: re-seal every template bound to its owner. Prints how many were re-sealed (0 if none needed it).")
final class BindTemplateOwnersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  /** The JSON line printed. */
  record Output(int templatesResealed) {}

  @Override
  public Integer call() {
    Json.println(spec.commandLine().getOut(), new Output(FaceAuthSystem.bindTemplateOwners(store.settings())));
    return FaceAuthCli.EXIT_OK;
  }
}
