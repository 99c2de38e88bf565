package org.faceauth.server.config;

import java.io.PrintStream;
import java.util.List;
import org.faceauth.store.StoreSettings;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The lines printed on standard output once the server is ready: where the web page and Swagger UI are, and the
 * command that makes the app key the API examples need (the first admin key, when one is made, is printed just
 * before by {@link BootstrapAdminKey}). Printed rather than logged, so that they show however logging is set.
 */
@Component
final class StartupBanner {
  private final StoreSettings store;
  private final Environment environment;

  StartupBanner(StoreSettings store, Environment environment) {
    this.store = store;
    this.environment = environment;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      print(System.out, web.getWebServer().getPort());
    }
  }

  void print(PrintStream out, int port) {
    lines(port).forEach(out::println);
    out.flush();
  }

  /** The banner for a server listening on {@code port}. */
  List<String> lines(int port) {
    String host = environment.getProperty("server.address", "localhost");
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    return List.of(
        "FaceAuth is ready on " + base,
        "  web page:   " + base + "/",
        "  admin:      " + base + "/admin",
        "  Swagger UI: " + base + "/swagger-ui.html",
        "  app key:    faceauth keys create --role app --name myapp --data-dir "
            + store.dataDirectory().toAbsolutePath().normalize()
            + (store.databaseUrl().equals(StoreSettings.sqliteUrl(store.dataDirectory())) ? "" : " --db URL"));
  }
}
