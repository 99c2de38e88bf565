package org.faceauth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.faceauth.server.FaceAuthServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code faceauth serve}: the REST server, until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", description = "Run the REST server (default: port 8080, SQLite under ./data).")
final class ServeCommand implements Callable<Integer> {
  @Mixin ModelsOption models = new ModelsOption();

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $FACEAUTH_PORT, else 8080).")
  Integer port;

  @Option(
      names = {"--data-dir", "--data"},
      paramLabel = "DIR",
      description = "Data directory (default: $FACEAUTH_DATA_DIR, else ./data).")
  Path dataDirectory;

  @Option(names = "--db", paramLabel = "URL", description = "JDBC URL (default: $FACEAUTH_DB_URL, else SQLite).")
  String databaseUrl;

  @Override
  public Integer call() throws InterruptedException {
    List<String> args = new ArrayList<>();
    if (port != null) {
      args.add("--server.port=" + port);
    }
    if (dataDirectory != null) {
      args.add("--faceauth.data-dir=" + dataDirectory.toAbsolutePath());
    }
    if (databaseUrl != null) {
      args.add("--faceauth.db-url=" + databaseUrl);
    }
    args.add("--faceauth.models-dir=" + models.directory().root().toAbsolutePath());
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
