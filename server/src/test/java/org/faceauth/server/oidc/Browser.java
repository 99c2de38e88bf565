package org.faceauth.server.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A browser for the login tests: keeps cookies (the login session), follows no redirects, and sends the page's CSRF
 * token once it has read it from {@code /login/session}.
 */
final class Browser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder()
      .cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private final String base;
  private final Optional<String> forwardedFor;
  private String csrfHeader;
  private String csrfToken;

  Browser(int port) {
    this(port, Optional.empty());
  }

  private Browser(int port, Optional<String> forwardedFor) {
    this.base = "http://127.0.0.1:" + port;
    this.forwardedFor = forwardedFor;
  }

  /**
   * A browser behind a reverse proxy on the loopback address that sends {@code forwardedFor} as every request's
   * {@code X-Forwarded-For} (a server that trusts that proxy takes the client's address from it).
   */
  static Browser behindProxy(int port, String forwardedFor) {
    return new Browser(port, Optional.of(forwardedFor));
  }

  /** An answer. */
  record Page(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(), List.of()).stream().findFirst().orElse(null);
    }
  }

  String base() {
    return base;
  }

  Page get(String pathOrUrl, String accept) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", accept).GET());
  }

  /** Opens the login page's session: reads the CSRF token the page's script would read. */
  JsonNode loginSession() {
    JsonNode start = get("/login/session", "application/json").json();
    csrfHeader = start.get("csrfHeader").asText();
    csrfToken = start.get("csrfToken").asText();
    return start;
  }

  Page postJson(String path, Object body, boolean withCsrf) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      return send(withCsrf ? request.header(csrfHeader, csrfToken) : request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs {@code files} as repeated {@code name} parts with the CSRF token. */
  Page postFiles(String path, String name, List<Path> files) {
    String boundary = "----login-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      for (Path file : files) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"f.jpg\""
            + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header(csrfHeader, csrfToken)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  Page postForm(String path, String form, String authorization) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  Page post(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header(csrfHeader, csrfToken)
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private Page send(HttpRequest.Builder request) {
    forwardedFor.ifPresent(address -> request.header("X-Forwarded-For", address));
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
