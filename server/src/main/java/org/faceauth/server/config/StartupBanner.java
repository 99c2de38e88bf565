package org.faceauth.server.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.faceauth.store.StoreSettings;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The lines printed on standard output once the server is ready: where the web page and Swagger UI are, and the
 * command that makes the app key the API examples need (the first admin key, when one is made, is printed just
 * before by {@link BootstrapAdminKey}). Printed rather than logged, so that they show however logging is set. The
 * command is one that works as printed: the launcher as it was called ({@code FACEAUTH_COMMAND}, which the clone's
 * {@code ./faceauth} sets; else {@code faceauth}), this server's key file when it is not the data directory's, and its
 * database URL (or {@code "$FACEAUTH_DB_URL"} when the URL holds a password, which is never printed).
 */
@Component
final class StartupBanner {
  private static final Pattern SAFE_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
  private static final Pattern PASSWORD_IN_AUTHORITY = Pattern.compile("//[^/@]*:[^/@]*@");
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
    List<String> lines = new ArrayList<>(List.of(
        "FaceAuth is ready on " + base,
        "  web page:   " + base + "/",
        "  admin:      " + base + "/admin",
        "  Swagger UI: " + base + "/swagger-ui.html",
        "  app key:    " + appKeyCommand()));
    if (hidesPassword()) {
      lines.add("              (with FACEAUTH_DB_URL set to this server's database URL, not printed: it holds a "
          + "password)");
    }
    return lines;
  }

  private String appKeyCommand() {
    Path dataDirectory = store.dataDirectory().toAbsolutePath().normalize();
    StringBuilder command = new StringBuilder();
    Path keyFile = store.keyFile().toAbsolutePath().normalize();
    if (store.templateKey().isEmpty() && !keyFile.equals(dataDirectory.resolve("template.keys"))) {
      command.append("FACEAUTH_KEY_FILE=").append(shellWord(keyFile.toString())).append(' ');
    }
    command.append(shellWord(environment.getProperty("FACEAUTH_COMMAND", "faceauth")))
        .append(" keys create --role app --name myapp --data-dir ").append(shellWord(dataDirectory.toString()));
    if (!store.databaseUrl().equals(StoreSettings.sqliteUrl(store.dataDirectory()))) {
      command.append(" --db ").append(hidesPassword() ? "\"$FACEAUTH_DB_URL\"" : shellWord(store.databaseUrl()));
    }
    return command.toString();
  }

  /** Whether the database URL carries a password ({@code password=} or {@code user:password@}). */
  private boolean hidesPassword() {
    String url = store.databaseUrl();
    return url.toLowerCase(Locale.ROOT).contains("password") || PASSWORD_IN_AUTHORITY.matcher(url).find();
  }

  /** {@code word} as one shell word: as is when it has only safe characters, else in single quotes. */
  private static String shellWord(String word) {
    return SAFE_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
