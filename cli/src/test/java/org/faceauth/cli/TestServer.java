package org.faceauth.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.faceauth.server.FaceAuthServer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The REST server {@code faceauth serve} runs, started in this JVM on a free loopback port over a data directory, with
 * extra settings given as {@code faceauth.*} properties. It holds the SQLite store open through its own connection
 * pool, as the server process does; closing it shuts the server down.
 */
final class TestServer implements AutoCloseable {
  private final ConfigurableApplicationContext context;
  private final int port;

  private TestServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Starts a server on {@code dataDir}; returns once it answers requests. */
  static TestServer start(Path dataDir, Map<String, String> settings) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0", "--server.address=127.0.0.1", "--faceauth.data-dir=" + dataDir.toAbsolutePath()));
    settings.forEach((name, value) -> args.add("--" + name + "=" + value));
    return new TestServer(FaceAuthServer.start(args.toArray(String[]::new)));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    context.close();
  }
}
