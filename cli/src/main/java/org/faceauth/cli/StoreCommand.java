package org.faceauth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.EngineConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the stored users: it takes the store options, opens the database, runs, and closes it
 * again. Its engine is the configured one ({@code FACEAUTH_ENGINE_*}, {@code FACEAUTH_MODELS_DIR}), loaded only if the
 * command needs a model; commands that run faces through it take the engine options ({@link EngineCommand}).
 */
abstract class StoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  /**
   * Opens the store and runs the command. When that made a new data directory, standard error says so: a command run
   * without the server's {@code --data-dir} would otherwise work quietly on a store no server reads.
   */
  @Override
  public final Integer call() throws Exception {
    Path dataDirectory = store.settings().dataDirectory().toAbsolutePath().normalize();
    boolean existed = Files.exists(dataDirectory);
    try (StoreOptions.Session session = store.open(engineConfig())) {
      if (!existed) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("faceauth: note: made a new, empty data directory " + dataDirectory
            + "; a server uses it only if started with the same --data-dir (or FACEAUTH_DATA_DIR).");
        err.flush();
      }
      return run(session);
    }
  }

  /** The engine configuration of this command. */
  EngineConfig engineConfig() {
    return Settings.environment().engine().config(ModelsOption.fromEnvironment(), new InferenceOptions(1));
  }

  /** The command's work on an open session; returns the exit code. */
  abstract int run(StoreOptions.Session session) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
