package org.faceauth.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small HTTP client for the integration tests: real requests over loopback to the running server, multipart and
 * JSON bodies, the API key header, and JSON answers.
 */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** One answer. */
  public record Answer(int status, HttpResponseHeaders headers, byte[] body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    public String header(String name) {
      return headers.first(name);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Response headers. */
  public record HttpResponseHeaders(java.net.http.HttpHeaders headers) {
    public String first(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** A part of a multipart body: a text field or a file. */
  public record Part(String name, String filename, byte[] content) {
    public static Part field(String name, String value) {
      return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Part file(String name, Path file) {
      try {
        return new Part(name, file.getFileName().toString(), Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public static Part bytes(String name, String filename, byte[] content) {
      return new Part(name, filename, content);
    }
  }

  public Answer get(String path, String key, String... headers) {
    return send(request(path, key, headers).GET());
  }

  public Answer delete(String path, String key) {
    return send(request(path, key).DELETE());
  }

  public Answer postJson(String path, String key, Object body, String... headers) {
    try {
      return send(request(path, key, headers).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Answer post(String path, String key, String contentType, byte[] body) {
    return send(request(path, key).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public Answer postMultipart(String path, String key, List<Part> parts, String... headers) {
    String boundary = "----faceauth" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
      if (part.filename() != null) {
        head.append("; filename=\"").append(part.filename()).append("\"\r\nContent-Type: application/octet-stream");
      }
      head.append("\r\n\r\n");
      body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      body.writeBytes(part.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path, key, headers)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  public Answer options(String path, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    headers.forEach(builder::header);
    return send(builder);
  }

  public static String base64(Path file) {
    try {
      return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(String path, String key, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (key != null) {
      builder.header("X-API-Key", key);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder builder) {
    try {
      HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), new HttpResponseHeaders(response.headers()), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
