package org.faceauth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the stored users: it takes the engine, store and worker options, opens the database and
 * engine, runs, and closes them again.
 */
abstract class StoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EngineOptions engine = new EngineOptions();

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin Workers workers = new Workers();

  @Override
  public final Integer call() throws Exception {
    try (StoreOptions.Session session = store.open(engine, workers)) {
      return run(session);
    }
  }

  /** The command's work on an open session; returns the exit code. */
  abstract int run(StoreOptions.Session session) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
