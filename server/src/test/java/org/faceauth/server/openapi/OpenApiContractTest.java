package org.faceauth.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Map;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The published contract ({@code /v3/api-docs}) is a valid OpenAPI 3 document that says what the API is, how to
 * send a key, which operations need one, what each answers on success and the problem+json errors with their codes.
 */
class OpenApiContractTest extends ServerTest {
  private String text;
  private OpenAPI document;

  @BeforeEach
  void fetch() {
    Answer answer = api.get("/v3/api-docs", null);
    assertThat(answer.status()).isEqualTo(200);
    text = answer.text();
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, null);
    assertThat(parsed.getMessages()).as("validation messages").isEmpty();
    document = parsed.getOpenAPI();
  }

  private Operation operation(String path, PathItem.HttpMethod method) {
    return document.getPaths().get(path).readOperationsMap().get(method);
  }

  @Test
  void theDocumentIsValidOpenApi3WithATitleAVersionAndADescription() {
    assertThat(document.getOpenapi()).startsWith("3.");
    assertThat(document.getInfo().getTitle()).isEqualTo("FaceAuth API");
    assertThat(document.getInfo().getVersion()).isEqualTo("v1");
    assertThat(document.getInfo().getDescription()).contains("X-API-Key");
  }

  @Test
  void theApiKeySchemeIsRequiredExceptOnPublicOperations() {
    SecurityScheme scheme = document.getComponents().getSecuritySchemes().get(OpenApiConfig.API_KEY);
    assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
    assertThat(scheme.getIn()).isEqualTo(SecurityScheme.In.HEADER);
    assertThat(scheme.getName()).isEqualTo("X-API-Key");
    assertThat(document.getSecurity()).anySatisfy(r -> assertThat(r).containsKey(OpenApiConfig.API_KEY));

    assertThat(operation("/api/v1/auth/verify", PathItem.HttpMethod.POST).getSecurity()).isNull();
    assertThat(operation("/api/v1/health", PathItem.HttpMethod.GET).getSecurity()).isEmpty();
    assertThat(operation("/api/v1/auth/jwks.json", PathItem.HttpMethod.GET).getSecurity()).isEmpty();
  }

  @Test
  void everyOperationDocumentsItsErrorsAsProblemsWithTheirCodes() {
    Schema<?> problem = document.getComponents().getSchemas().get("Problem");
    assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "code", "requestId");
    assertThat(problem.getProperties().get("code").getEnum()).contains("UNSUPPORTED_MEDIA_TYPE", "USER_NOT_ENROLLED",
        "DUPLICATE_FACE", "NO_FACE", "USER_LOCKED");

    document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      Map<String, ApiResponse> responses = operation.getResponses();
      for (String status : List.of("400", "404", "415", "429", "500", "503")) {
        ApiResponse error = responses.get(status);
        assertThat(error).as(method + " " + path + " " + status).isNotNull();
        assertThat(error.getContent().get("application/problem+json").getSchema().get$ref())
            .endsWith("/Problem");
      }
    }));
    assertThat(operation("/api/v1/users", PathItem.HttpMethod.POST).getResponses().get("409").getDescription())
        .contains("USER_EXISTS", "DUPLICATE_FACE");
    assertThat(operation("/api/v1/auth/verify", PathItem.HttpMethod.POST).getResponses()).containsKeys("401", "403",
        "423");
    assertThat(operation("/api/v1/health", PathItem.HttpMethod.GET).getResponses()).doesNotContainKeys("401", "403");
  }

  @Test
  void successesHaveTheirRealStatusAndATypedBody() {
    assertThat(operation("/api/v1/users", PathItem.HttpMethod.POST).getResponses()).containsKey("201")
        .doesNotContainKey("200");
    assertThat(operation("/api/v1/users/{id}/faces", PathItem.HttpMethod.POST).getResponses()).containsKey("201");
    assertThat(operation("/api/v1/users/{id}", PathItem.HttpMethod.DELETE).getResponses()).containsKey("204");
    assertThat(operation("/api/v1/admin/keys", PathItem.HttpMethod.POST).getResponses()).containsKey("201")
        .doesNotContainKey("200");
    assertThat(operation("/api/v1/admin/keys/{id}", PathItem.HttpMethod.DELETE).getResponses()).containsKey("204")
        .doesNotContainKey("200");
    assertThat(document.getComponents().getSchemas()).containsKeys("UserView", "EnrollmentView", "VerifyAnswer",
        "LivenessView", "IdentificationView", "Detection", "UserPage", "ChallengeAnswer", "KeySet");
    assertThat(document.getComponents().getSchemas().get("VerifyAnswer").getProperties()).containsKeys("userId",
        "match", "outcome", "score", "threshold", "liveness", "token", "tokenType", "expiresIn", "ms");
    assertThat(text).doesNotContain("\"additionalProperties\":{\"type\":\"object\"}");
  }

  @Test
  void operationsAreTaggedByFeature() {
    assertThat(document.getTags()).extracting(t -> t.getName())
        .contains("Users", "Authentication", "Faces", "Health")
        .noneMatch(name -> name.endsWith("-controller"));
    assertThat(operation("/api/v1/users", PathItem.HttpMethod.GET).getTags()).containsExactly("Users");
    document.getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
        assertThat(operation.getTags()).as(path).isNotEmpty().noneMatch(name -> name.endsWith("-controller"))));
    assertThat(document.getPaths()).as("the error page is no operation").doesNotContainKey("/error");
  }
}
