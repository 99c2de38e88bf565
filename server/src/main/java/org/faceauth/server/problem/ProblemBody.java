package org.faceauth.server.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.faceauth.core.view.ImageVerdictView;

/**
 * The body of every error answer: RFC 7807 problem details with FaceAuth's stable {@code code} and the request id.
 *
 * @param type {@code urn:faceauth:problem:CODE}
 * @param title the HTTP status's reason phrase
 * @param detail a sentence for the client: never a server path or exception text
 * @param instance the path that was asked for
 * @param retryAfterSeconds how long to wait before retrying, when waiting helps (also in {@code Retry-After})
 * @param images each image's verdict, for {@code ENROLLMENT_REJECTED}
 * @param error the OAuth 2.0 error code, for the OpenID Connect provider's refusals ({@code
 *     AUTHORIZATION_REQUEST_REFUSED}, {@code INVALID_TOKEN}, {@code INSUFFICIENT_SCOPE}, {@code INVALID_CLIENT},
 *     {@code OAUTH_REQUEST_REFUSED})
 * @param errorDescription the OAuth 2.0 error's description, a sentence of ours or the parameter at fault
 */
@Schema(name = "Problem", description = "An error answer (application/problem+json, RFC 7807) with a stable code")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(
    String type, String title, int status, String detail, String instance, String code, String requestId,
    Long retryAfterSeconds, List<ImageVerdictView> images, String error,
    @JsonProperty("error_description") String errorDescription) {}
