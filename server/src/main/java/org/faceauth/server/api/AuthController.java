package org.faceauth.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.IdentificationResult;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationOutcome;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.liveness.LivenessResult;
import org.faceauth.core.user.UserId;
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

  /** The JSON body of a verification: one image, or a challenge nonce with its burst of frames. */
  record VerifyJson(String userId, String image, String nonce, List<String> frames) {}

  /** The JSON body of a challenge request: whose verification it is for. */
  record ChallengeJson(String userId) {}

  /** The JSON body of an identification. */
  record IdentifyJson(String image, Integer top) {}

  @PostMapping(value = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> verify(
      @RequestParam(value = "userId", required = false) String userId,
      @RequestPart(value = "image", required = false) MultipartFile image,
      @RequestParam(value = "nonce", required = false) String nonce,
      @RequestPart(value = "frames", required = false) List<MultipartFile> frames,
      HttpServletRequest request) {
    UserId user = requireUser(userId);
    if (nonce != null) {
      if (frames == null || frames.isEmpty()) {
        throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send the challenge burst as repeated 'frames' parts.");
      }
      return verify(user, nonce, frames.stream().map(f -> ImageInput.of(f, "frames")).toList(), request);
    }
    return verify(user, ImageInput.of(image, "image"), request);
  }

  @PostMapping(value = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> verifyJson(@RequestBody VerifyJson body, HttpServletRequest request) {
    UserId user = requireUser(body.userId());
    if (body.nonce() != null) {
      if (body.frames() == null || body.frames().isEmpty()) {
        throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send the challenge burst as \"frames\": [base64, ...].");
      }
      return verify(user, body.nonce(), body.frames().stream().map(f -> ImageInput.ofBase64(f, "frames")).toList(),
          request);
    }
    return verify(user, ImageInput.ofBase64(body.image(), "image"), request);
  }

  /**
   * A one-time active liveness challenge for one user's verification: answer it with a burst of frames and its nonce
   * on verify, with the same key and the same user id.
   */
  @PostMapping("/challenge")
  Map<String, Object> challenge(
      @RequestBody(required = false) ChallengeJson ask, HttpServletRequest request) {
    if (ask == null || ask.userId() == null || ask.userId().isBlank()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"userId\": ...}: the user the challenge is for.");
    }
    Challenge challenge = service.issueChallenge(UserId.of(ask.userId()), Requests.context(request));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nonce", challenge.nonce());
    body.put("instruction", challenge.instruction().name().toLowerCase(Locale.ROOT));
    body.put("prompt", challenge.instruction().prompt());
    body.put("expiresAt", challenge.expiresAt().toString());
    body.put("maxFrames", FaceAuthService.MAX_CHALLENGE_FRAMES);
    return body;
  }

  @PostMapping(value = "/identify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> identify(
      @RequestPart(value = "image", required = false) MultipartFile image,
      @RequestParam(defaultValue = "3") int top,
      HttpServletRequest request) {
    return identify(ImageInput.of(image, "image"), top, request);
  }

  @PostMapping(value = "/identify", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> identifyJson(@RequestBody IdentifyJson body, HttpServletRequest request) {
    return identify(ImageInput.ofBase64(body.image(), "image"), body.top() == null ? 3 : body.top(), request);
  }

  /** The public keys that verify login tokens (JWKS). */
  @GetMapping("/jwks.json")
  Map<String, Object> jwks() {
    return tokens.publicKeys();
  }

  private Map<String, Object> verify(UserId user, byte[] image, HttpServletRequest request) {
    RequestContext context = Requests.context(request);
    return answer(user, limiter.run(() -> service.verify(user, image, context)));
  }

  private Map<String, Object> verify(UserId user, String nonce, List<byte[]> frames, HttpServletRequest request) {
    RequestContext context = Requests.context(request);
    return answer(user, limiter.run(() -> service.verifyChallenge(user, nonce, frames, context)));
  }

  /**
   * The answer to a verification. Only a match carries the identity score; spoof and challenge_failed answers carry
   * neither score nor thresholds (identity or liveness), so a refused attempt does not tell how close it came, and an
   * unknown user id (answered as no_match) looks exactly like a known one.
   */
  private Map<String, Object> answer(UserId user, VerificationResult result) {
    String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
    metrics.record("verify", outcome, result.stages());
    if (result.outcome() == VerificationOutcome.NO_FACE) {
      throw new ApiException(ApiErrorCode.NO_FACE, "No face was found. Face the camera in good, even light.");
    }
    if (result.outcome() == VerificationOutcome.LOCKED) {
      Instant until = result.lockedUntil().orElseThrow();
      long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
      throw new ApiException(ApiErrorCode.USER_LOCKED,
          "Verification of '" + user + "' is locked after repeated failed attempts; retry in " + seconds + " s.",
          Optional.of(seconds), Map.of());
    }
    boolean revealing = result.outcome() != VerificationOutcome.SPOOF
        && result.outcome() != VerificationOutcome.CHALLENGE_FAILED;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user.value());
    body.put("match", result.match());
    body.put("outcome", outcome);
    body.put("score", result.match() ? result.score().map(AuthController::score).orElse(null) : null);
    body.put("threshold", revealing ? result.threshold() : null);
    body.put("liveness", result.liveness().map(l -> revealing ? liveness(l) : withoutScores(l)).orElse(null));
    if (result.match()) {
      TokenIssuer.Token token = tokens.issue(user, result.score().orElseThrow());
      body.put("token", token.value());
      body.put("tokenType", "Bearer");
      body.put("expiresIn", token.expiresInSeconds());
    }
    body.put("ms", Math.round(result.elapsedMillis() * 10) / 10.0);
    return body;
  }

  private Map<String, Object> identify(byte[] image, int top, HttpServletRequest request) {
    IdentificationResult result = limiter.run(() -> service.identify(image, top, Requests.context(request)));
    metrics.record("identify", result.faceFound() ? (result.known() ? "match" : "unknown") : "no_face",
        result.stages());
    if (!result.faceFound()) {
      throw new ApiException(ApiErrorCode.NO_FACE, "No face was found. Face the camera in good, even light.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", result.known() ? result.candidates().get(0).user().value() : "unknown");
    body.put("known", result.known());
    body.put("candidates", result.candidates().stream()
        .map(h -> Map.of("userId", h.user().value(), "score", score(h.score())))
        .toList());
    body.put("threshold", result.threshold());
    body.put("ms", Math.round(result.elapsedMillis() * 10) / 10.0);
    return body;
  }

  /** The liveness verdict without its score and threshold. */
  private static Map<String, Object> withoutScores(LivenessResult liveness) {
    Map<String, Object> out = liveness(liveness);
    out.put("score", null);
    out.put("threshold", null);
    return out;
  }

  static Map<String, Object> liveness(LivenessResult liveness) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("live", liveness.live());
    out.put("score", score(liveness.score()));
    out.put("threshold", liveness.threshold());
    out.put("checks", liveness.checks());
    return out;
  }

  /** A score as answered: four decimals. */
  private static double score(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static UserId requireUser(String userId) {
    if (userId == null || userId.isBlank()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send the claimed 'userId' with the image.");
    }
    return UserId.of(userId);
  }
}
