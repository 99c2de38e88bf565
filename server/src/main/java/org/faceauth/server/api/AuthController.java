package org.faceauth.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.IdentificationResult;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.user.UserId;
import org.faceauth.core.view.IdentificationView;
import org.faceauth.core.view.VerificationView;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.protection.InferenceLimiter;
import org.faceauth.server.token.TokenIssuer;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Login (1:1 verify, with a signed token on a match) and 1:N identify (app keys). */
@Tag(name = "Authentication", description = "Verify, challenge and identify (app keys); the token keys (public)")
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {
  private final FaceAuthService service;
  private final InferenceLimiter limiter;
  private final TokenIssuer tokens;
  private final FlowMetrics metrics;
  private final Clock clock;

  AuthController(
      FaceAuthService service, InferenceLimiter limiter, TokenIssuer tokens, FlowMetrics metrics, Clock clock) {
    this.service = service;
    this.clock = clock;
    this.limiter = limiter;
    this.tokens = tokens;
    this.metrics = metrics;
  }

  /** The JSON body of a verification: one image, or a challenge nonce with its burst of frames (base64). */
  record VerifyJson(String userId, String image, String nonce, List<String> frames) {}

  /** The JSON body of a challenge request: whose verification it is for. */
  record ChallengeJson(String userId) {}

  /** The JSON body of an identification: the image (base64) and how many candidates at most (default 3). */
  record IdentifyJson(String image, Integer top) {}

  /**
   * A one-time challenge: send 2 to {@code maxFrames} frames of the person following {@code prompt} with this nonce
   * before {@code expiresAt}.
   *
   * @param instruction turn_left or turn_right
   */
  record ChallengeAnswer(String nonce, String instruction, String prompt, String expiresAt, int maxFrames) {}

  /**
   * The answer to a verification: the verification itself and, on a match only, a login token (JWT, ES256); the token
   * fields are absent otherwise.
   *
   * @param expiresIn the token's lifetime in seconds
   */
  record VerifyAnswer(
      @JsonUnwrapped VerificationView verification,
      @JsonInclude(JsonInclude.Include.NON_NULL) String token,
      @JsonInclude(JsonInclude.Include.NON_NULL) String tokenType,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long expiresIn) {
    static VerifyAnswer withoutToken(VerificationView verification) {
      return new VerifyAnswer(verification, null, null, null);
    }

    static VerifyAnswer withToken(VerificationView verification, TokenIssuer.Token token) {
      return new VerifyAnswer(verification, token.value(), "Bearer", token.expiresInSeconds());
    }
  }

  @Operation(summary = "Verify (1:1) that a photo, or a challenge burst, shows the claimed user; a token on a match")
  @PostMapping(value = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  VerifyAnswer verify(
      @RequestParam(value = "userId", required = false) String userId,
      @RequestPart(value = "image", required = false) MultipartFile image,
      @RequestParam(value = "nonce", required = false) String nonce,
      @RequestPart(value = "frames", required = false) List<MultipartFile> frames,
      HttpServletRequest request) {
    return answer(counted("verify", () -> {
      UserId user = requireUser(userId);
      if (nonce != null) {
        if (frames == null || frames.isEmpty()) {
          throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send the challenge burst as repeated 'frames' parts.");
        }
        return verify(user, nonce, frames.stream().map(f -> ImageInput.of(f, "frames")).toList(), request);
      }
      return verify(user, ImageInput.of(image, "image"), request);
    }));
  }

  @Operation(summary = "Verify (1:1), images as base64 in JSON")
  @PostMapping(value = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
  VerifyAnswer verifyJson(@RequestBody VerifyJson body, HttpServletRequest request) {
    return answer(counted("verify", () -> {
      UserId user = requireUser(body.userId());
      if (body.nonce() != null) {
        if (body.frames() == null || body.frames().isEmpty()) {
          throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send the challenge burst as \"frames\": [base64, ...].");
        }
        return verify(user, body.nonce(),
            body.frames().stream().map(f -> ImageInput.ofBase64(f, "frames")).toList(), request);
      }
      return verify(user, ImageInput.ofBase64(body.image(), "image"), request);
    }));
  }

  /**
   * A one-time active liveness challenge for one user's verification: answer it with a burst of frames and its nonce
   * on verify, with the same key and the same user id.
   */
  @Operation(summary = "Issue a one-time head-turn challenge for one user's next verification")
  @PostMapping("/challenge")
  ChallengeAnswer challenge(
      @RequestBody(required = false) ChallengeJson ask, HttpServletRequest request) {
    if (ask == null || ask.userId() == null || ask.userId().isBlank()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"userId\": ...}: the user the challenge is for.");
    }
    Challenge challenge = service.issueChallenge(UserId.of(ask.userId()), Requests.context(request));
    return new ChallengeAnswer(challenge.nonce(), challenge.instruction().name().toLowerCase(Locale.ROOT),
        challenge.instruction().prompt(), challenge.expiresAt().toString(), FaceAuthService.MAX_CHALLENGE_FRAMES);
  }

  @Operation(summary = "Identify (1:N) who a photo shows among the enrolled users")
  @PostMapping(value = "/identify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  IdentificationView identify(
      @RequestPart(value = "image", required = false) MultipartFile image,
      @RequestParam(defaultValue = "3") int top,
      HttpServletRequest request) {
    return identify(counted("identify", () -> identified(ImageInput.of(image, "image"), top, request)));
  }

  @Operation(summary = "Identify (1:N), the image as base64 in JSON")
  @PostMapping(value = "/identify", consumes = MediaType.APPLICATION_JSON_VALUE)
  IdentificationView identifyJson(@RequestBody IdentifyJson body, HttpServletRequest request) {
    return identify(counted("identify", () ->
        identified(ImageInput.ofBase64(body.image(), "image"), body.top() == null ? 3 : body.top(), request)));
  }

  /** The public keys that verify login tokens (JWKS). */
  @Operation(summary = "The public keys (JWKS, ES256) that check login tokens")
  @SecurityRequirements
  @GetMapping("/jwks.json")
  TokenIssuer.KeySet jwks() {
    return tokens.publicKeys();
  }

  private VerificationResult verify(UserId user, byte[] image, HttpServletRequest request) {
    RequestContext context = Requests.context(request);
    return limiter.run(() -> service.verify(user, image, context));
  }

  private VerificationResult verify(UserId user, String nonce, List<byte[]> frames, HttpServletRequest request) {
    RequestContext context = Requests.context(request);
    return limiter.run(() -> service.verifyChallenge(user, nonce, frames, context));
  }

  /** Answers a verification; a locked id and a photo without a face are problems, not answers. */
  private VerifyAnswer answer(VerificationResult result) {
    UserId user = result.user();
    metrics.record("verify", result.outcome().name().toLowerCase(Locale.ROOT), result.stages());
    if (result.outcome() == VerificationOutcome.NO_FACE) {
      throw new ApiException(ApiErrorCode.NO_FACE, "No face was found. Face the camera in good, even light.");
    }
    if (result.outcome() == VerificationOutcome.USER_DISABLED) {
      throw new ApiException(ApiErrorCode.USER_DISABLED,
          "User '" + user + "' is disabled; an operator can enable them again.");
    }
    if (result.outcome() == VerificationOutcome.LOCKED) {
      Instant until = result.lockedUntil().orElseThrow();
      long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
      throw new ApiException(ApiErrorCode.USER_LOCKED,
          "Verification of '" + user + "' is locked after repeated failed attempts; retry in " + seconds + " s.",
          Optional.of(seconds));
    }
    VerificationView view = VerificationView.of(result).redacted();
    if (!result.match()) {
      return VerifyAnswer.withoutToken(view);
    }
    return VerifyAnswer.withToken(view, tokens.issue(user, result.score().orElseThrow()));
  }

  private IdentificationResult identified(byte[] image, int top, HttpServletRequest request) {
    return limiter.run(() -> service.identify(image, top, Requests.context(request)));
  }

  /** Answers an identification; a photo without a face is a problem, not an answer. */
  private IdentificationView identify(IdentificationResult result) {
    metrics.record("identify", result.faceFound() ? (result.known() ? "match" : "unknown") : "no_face",
        result.stages());
    if (!result.faceFound()) {
      throw new ApiException(ApiErrorCode.NO_FACE, "No face was found. Face the camera in good, even light.");
    }
    return IdentificationView.of(result);
  }

  /** Runs a flow, counting it as an error when it fails instead of answering. */
  private <T> T counted(String flow, Supplier<T> run) {
    try {
      return run.get();
    } catch (RuntimeException e) {
      metrics.error(flow);
      throw e;
    }
  }

  private static UserId requireUser(String userId) {
    if (userId == null || userId.isBlank()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send the claimed 'userId' with the image.");
    }
    return UserId.of(userId);
  }
}
