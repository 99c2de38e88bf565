package org.faceauth.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.model.ModelDirectory;
import org.faceauth.core.model.ModelFile;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.RawHttp;
import org.faceauth.server.testing.RawHttp.Reply;
import org.faceauth.server.testing.ServerTest;
import org.faceauth.store.jdbc.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Errors that never reach a controller (Tomcat's own, Spring's, the error page) are problem+json too, and no answer
 * tells a client a server path, a JDBC URL or an exception's text.
 */
class ErrorPathsTest extends ServerTest {
  @Autowired ProblemHandler handler;

  private static JsonNode assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).as(reply.text()).startsWith("application/problem+json");
    JsonNode body = reply.json();
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(body.get("requestId").asText()).isEqualTo(reply.header("X-Request-Id"));
    return body;
  }

  private Reply raw(String request) {
    return new RawHttp(port).exchange(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void tomcatsOwnRefusalsAreProblems() {
    assertProblem(raw("GET /api/v1/{health} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "BAD_REQUEST");
    assertProblem(raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\nConnection: close\r\n\r\n"), 400,
        "BAD_REQUEST");
    assertProblem(raw("GET /api/v1/health?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        400, "BAD_REQUEST");
    assertProblem(raw("GET /api/v1%2Fhealth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "BAD_REQUEST");
  }

  @Test
  void theFirewallsRefusalsAreProblems() {
    assertProblem(raw("GET /api/v1/health;x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "BAD_REQUEST");
    assertProblem(raw("GET /api/v1/./health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "BAD_REQUEST");
  }

  @Test
  void theErrorPageAskedForDirectlyIsAMissingResourceForAdminsAndClosedToOthers() {
    assertProblem(new RawHttp(port).send("GET", "/error", ADMIN_KEY, null), 404, "NOT_FOUND");
    assertProblem(new RawHttp(port).send("GET", "/error", null, null), 401, "UNAUTHORIZED");
  }

  @Test
  void springsFailuresAreOurSentencesNotExceptionText() {
    Answer method = api.get("/api/v1/auth/verify", ADMIN_KEY);
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.json().get("detail").asText()).isEqualTo("Use POST here.");

    Answer mismatch = api.get("/api/v1/users?page=two", ADMIN_KEY);
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.json().get("detail").asText()).isEqualTo("The parameter 'page' must be a int.");

    Answer accept = api.get("/api/v1/users", ADMIN_KEY, "Accept", "text/html");
    assertThat(accept.status()).as(accept.text()).isEqualTo(406);
    assertThat(accept.json().get("code").asText()).isEqualTo("NOT_ACCEPTABLE");

    for (Answer answer : new Answer[] {method, mismatch, accept}) {
      assertThat(answer.text()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("org.spring");
    }
  }

  @Test
  void aBase64ImageLongerThanJacksonsDefaultStringCapIsJudgedAsAnImageNotAsBadJson() {
    Answer answer = api.postJson("/api/v1/faces/detect", appKey, Map.of("image", "/9j/" + "A".repeat(21_000_000)));
    assertThat(answer.status()).as(answer.text()).isEqualTo(413);
    assertThat(answer.json().get("code").asText()).isEqualTo("IMAGE_TOO_LARGE");
  }

  @Test
  void aCorruptModelOrAFailingDatabaseTellsTheClientNoPathUrlOrExceptionText(@TempDir Path empty) throws Exception {
    Path corrupt = empty.resolve(ModelFile.MOBILEFACENET.relativePath());
    Files.createDirectories(corrupt.getParent());
    Files.writeString(corrupt, "not a model");
    FaceAuthException model = catchFailure(() -> ModelDirectory.withOverrides(empty).bytes(ModelFile.MOBILEFACENET));
    assertThat(model.code()).isEqualTo(ErrorCode.MODEL_CHECKSUM_MISMATCH);
    Path notADirectory = Files.writeString(empty.resolve("file"), "x");
    FaceAuthException store = catchFailure(() -> Database.open("jdbc:sqlite:" + notADirectory + "/sub/faceauth.db"));
    assertThat(store.code()).isEqualTo(ErrorCode.STORE_FAILED);
    assertThat(model.getMessage() + store.getMessage()).contains(empty.toString());

    for (FaceAuthException failure : new FaceAuthException[] {model, store}) {
      MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/auth/verify");
      ResponseEntity<ProblemBody> answer = handler.core(failure, request);
      assertThat(answer.getStatusCode().value()).isEqualTo(503);
      String detail = answer.getBody().detail();
      assertThat(detail).doesNotContain("/").doesNotContain("jdbc:").doesNotContain("Exception")
          .doesNotContain(empty.toString()).contains("server log");
      assertThat(answer.getBody().code()).isEqualTo(failure.code().name());
    }
  }

  private static FaceAuthException catchFailure(Runnable action) {
    try {
      action.run();
    } catch (FaceAuthException e) {
      return e;
    }
    throw new AssertionError("expected a FaceAuthException");
  }
}
