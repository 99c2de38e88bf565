package org.faceauth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.faceauth.server.FaceAuthServer;
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
 * code of its family; Spring's own failure report and stack traces only with {@code --debug}.
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
    models.directory().overrides().ifPresent(dir -> args.add("--faceauth.models-dir=" + dir));
    if (!((FaceAuthCli) spec.root().userObject()).debug) {
      FAILURE_LOGGERS.forEach(logger -> args.add("--logging.level." + logger + "=OFF"));
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
}
