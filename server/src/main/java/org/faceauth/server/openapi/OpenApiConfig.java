package org.faceauth.server.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.faceauth.core.ErrorCode;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ErrorStatus;
import org.faceauth.server.problem.ProblemBody;
import org.faceauth.server.problem.Problems;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The OpenAPI document ({@code /v3/api-docs}): title, version and description, the {@code X-API-Key} security scheme
 * required by every operation that does not opt out with an empty {@code @SecurityRequirements}, and the problem+json
 * error answers with their codes on every operation, added here so that new controllers get them without
 * boilerplate.
 */
@Configuration
public class OpenApiConfig {
  /** The name of the API key security scheme. */
  public static final String API_KEY = "ApiKey";
  /** The name of the enrollment invitation security scheme (the enrollment page's calls). */
  public static final String INVITATION = "Invitation";
  static final String PROBLEM = "Problem";

  @Bean
  OpenAPI faceAuthOpenApi() {
    return new OpenAPI()
        .info(new Info()
            .title("FaceAuth API")
            .version("v1")
            .description("Self-hosted face authentication: users and enrollment (admin keys), 1:1 verification with "
                + "liveness and login tokens, 1:N identification, face detection (app keys). Send the key in the "
                + "X-API-Key header. Every error is application/problem+json with a stable code."))
        .components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
            .type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER)
            .name("X-API-Key")
            .description("An app key (verify, challenge, identify, detect, crop) or an admin key (everything)"))
            .addSecuritySchemes(INVITATION, new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name("Authorization")
                .description("'Invitation <secret>': the secret from an enrollment invitation's link (after '#'); "
                    + "allows that invitation's enrollment page calls only")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY));
  }

  /** The problem schema, and on every operation each error status with the codes that answer it. */
  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      ResolvedSchema problem = ModelConverters.getInstance().resolveAsResolvedSchema(
          new AnnotatedType(ProblemBody.class).resolveAsRef(false));
      Components components = openApi.getComponents();
      problem.referencedSchemas.forEach(components::addSchemas);
      Schema<?> problemSchema = problem.schema;
      @SuppressWarnings("unchecked")
      Schema<String> code = (Schema<String>) problemSchema.getProperties().get("code");
      code.setEnum(allCodes());
      components.addSchemas(PROBLEM, problemSchema);
      Map<HttpStatus, List<String>> codesByStatus = codesByStatus();
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
          addProblems(operation, codesByStatus)));
    };
  }

  private static void addProblems(Operation operation, Map<HttpStatus, List<String>> codesByStatus) {
    boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    codesByStatus.forEach((status, codes) -> {
      if (!secured && (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN)) {
        return;
      }
      responses.computeIfAbsent(Integer.toString(status.value()), key -> new ApiResponse()
          .description(ErrorStatus.title(status) + ": " + String.join(", ", codes))
          .content(new Content().addMediaType(Problems.PROBLEM_JSON.toString(),
              new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    });
    operation.setResponses(responses);
  }

  /** Every code of the table in {@link ErrorStatus}, grouped by the status it answers. */
  static Map<HttpStatus, List<String>> codesByStatus() {
    Map<HttpStatus, List<String>> out = new TreeMap<>();
    for (ErrorCode code : ErrorCode.values()) {
      out.computeIfAbsent(ErrorStatus.of(code), s -> new ArrayList<>()).add(code.name());
    }
    for (ApiErrorCode code : ApiErrorCode.values()) {
      out.computeIfAbsent(ErrorStatus.of(code), s -> new ArrayList<>()).add(code.name());
    }
    return out;
  }

  private static List<String> allCodes() {
    return Stream.concat(Arrays.stream(ErrorCode.values()).map(Enum::name),
        Arrays.stream(ApiErrorCode.values()).map(Enum::name)).sorted().toList();
  }
}
