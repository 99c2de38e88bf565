package org.faceauth.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP over a plain socket, for requests that a client library would refuse or normalise: the request target goes on
 * the wire exactly as given (path parameters, encoded slashes, dot segments, double slashes), and so may a malformed
 * request line or header. HTTP/1.0, so that the answer is never chunked and ends when the server closes.
 */
public final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** A request body with its content type. */
  public record Body(String contentType, byte[] bytes) {
    public static Body json(Object value) {
      try {
        return new Body("application/json", JSON.writeValueAsBytes(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A multipart/form-data body of these parts. */
    public static Body multipart(List<Api.Part> parts) {
      String boundary = "----faceauth" + UUID.randomUUID();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Api.Part part : parts) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
            .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
        if (part.filename() != null) {
          head.append("; filename=\"").append(part.filename()).append("\"\r\nContent-Type: application/octet-stream");
        }
        head.append("\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(part.content());
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return new Body("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }
  }

  /** An answer: status, headers (names in lower case) and body. */
  public record Reply(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }
  }

  /** Sends {@code method target} with the key (if any) and body (if any) exactly as given. */
  public Reply send(String method, String target, String key, Body body) {
    return send(method, target, key == null ? null : "X-API-Key", key, body);
  }

  /** Sends {@code method target} with one credential header (if {@code header} is not null) and body (if any). */
  public Reply send(String method, String target, String header, String value, Body body) {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n");
    if (header != null) {
      head.append(header).append(": ").append(value).append("\r\n");
    }
    byte[] content = body == null ? new byte[0] : body.bytes();
    if (body != null) {
      head.append("Content-Type: ").append(body.contentType()).append("\r\n");
    }
    if (body != null || "POST".equals(method)) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    request.writeBytes(content);
    return exchange(request.toByteArray());
  }

  /** Writes {@code request} as it is and reads the answer. */
  public Reply exchange(byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply parse(byte[] raw) {
    String all = new String(raw, StandardCharsets.ISO_8859_1);
    int end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete HTTP answer: " + all);
    }
    String[] lines = all.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    return new Reply(status, headers, body);
  }
}
