package org.faceauth.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.pipeline.EngineConfig;
import org.faceauth.core.pipeline.RequiredModels;
import org.faceauth.server.FaceAuthServer;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.store.PrivateDataDirectory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth serve}: the REST server, until it is stopped (Ctrl-C or SIGTERM). A failed start ends with one line
 * per problem (every missing model at once, a port in use, an unusable data directory or template key) and the exit
 * code of its family; models, data directory and port are checked before Spring starts. Spring's start-up narration,
 * its own failure report and stack traces only with {@code --debug}.
 */
@Command(name = "serve", description = "Run the REST server (default: port 8080, SQLite in the data directory).")
final class ServeCommand implements Callable<Integer> {
  /** Loggers that repeat a start-up failure with its stack trace; quiet unless --debug. */
  private static final List<String> FAILURE_LOGGERS = List.of(
      "org.springframework.boot.SpringApplication",
      "org.springframework.boot.diagnostics",
      "org.springframework.boot.web.servlet.context",
      "org.springframework.boot.web.embedded.tomcat.TomcatStarter",
      "org.springframework.boot.autoconfigure.logging",
      "org.apache.catalina.util.LifecycleBase",
      "org.apache.catalina.core.StandardService");

  private static final int DEFAULT_PORT = 8080;

  /** Loggers that narrate a normal start at INFO; quiet unless --debug (the banner says what matters). */
  private static final List<String> START_UP_LOGGERS = List.of(
      "org.springframework", "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat");

  @Spec CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $FACEAUTH_PORT, else 8080).")
  Integer port;

  @Mixin StoreOptions store = new StoreOptions();

  @Override
  public Integer call() throws InterruptedException {
    List<String> args = new ArrayList<>();
    if (port != null) {
      args.add("--server.port=" + port);
    }
    if (store.dataDirectory != null) {
      args.add("--faceauth.data-dir=" + store.dataDirectory.toAbsolutePath());
    }
    if (store.databaseUrl != null) {
      args.add("--faceauth.db-url=" + store.databaseUrl);
    }
    ModelDirectory modelDirectory = models.directory();
    modelDirectory.overrides().ifPresent(dir -> args.add("--faceauth.models-dir=" + dir));
    checkBeforeStarting(modelDirectory);
    if (!((FaceAuthCli) spec.root().userObject()).debug) {
      FAILURE_LOGGERS.forEach(logger -> args.add("--logging.level." + logger + "=OFF"));
      START_UP_LOGGERS.forEach(logger -> args.add("--logging.level." + logger + "=WARN"));
      args.add("--spring.main.log-startup-info=false");
    }
    ConfigurableApplicationContext context = FaceAuthServer.start(args.toArray(String[]::new));
    CountDownLatch stopped = new CountDownLatch(1);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        stopped.countDown();
      }
    });
    if (context.isActive()) {
      stopped.await();
    }
    return FaceAuthCli.EXIT_OK;
  }

  /**
   * What can be checked in a moment is checked before Spring starts, so that a start that cannot succeed fails at
   * once: every model the configured engine needs (all problems in one message), the data directory and the port.
   * A wrong template key is found when the database opens, inside the start.
   */
  private void checkBeforeStarting(ModelDirectory modelDirectory) {
    ServerSettings settings = Settings.environment();
    EngineConfig engine = settings.engine().config(modelDirectory, new InferenceOptions(1));
    modelDirectory.requireAll(RequiredModels.of(engine, settings.liveness().required()));
    PrivateDataDirectory.secure(store.settings());
    listeningPort().ifPresent(ServeCommand::requireFree);
  }

  /** The port the server will listen on, when it is known before Spring resolves its properties. */
  private Optional<Integer> listeningPort() {
    if (port != null) {
      return Optional.of(port);
    }
    if (System.getenv("SERVER_PORT") != null) {
      return Optional.empty();
    }
    String configured = System.getenv("FACEAUTH_PORT");
    try {
      return Optional.of(configured == null ? DEFAULT_PORT : Integer.parseInt(configured.strip()));
    } catch (NumberFormatException e) {
      throw new BadInputException("FACEAUTH_PORT must be a port number, not '" + configured + "'.", e);
    }
  }

  private static void requireFree(int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new PortInUseException(port, e);
    }
  }
}
