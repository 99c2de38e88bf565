package org.faceauth.server.login;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.flow.VerificationResult;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.liveness.Challenge;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import org.faceauth.core.quality.QualityReport;
import org.faceauth.core.user.UserId;
import org.faceauth.server.api.ImageInput;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.middleware.RequestIdFilter;
import org.faceauth.server.oidc.FaceLogin;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.protection.InferenceLimiter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The hosted face-login page of the OpenID Connect provider: where the authorization endpoint sends a person who is
 * not signed in. The page asks for the user id, shows framing guidance from single frames, runs the head-turn
 * challenge (or, where the operator turned it off, the passive check on one frame) through the same {@link
 * FaceAuthService} flows as the API, behind the lockout (its visitors are anonymous: counted per user id and client
 * network, and per id across networks) and the audit log, and then sends the browser back to the application: with
 * a code after a match, with {@code error=access_denied} after {@code faceauth.oidc.max-attempts} refusals (a disabled
 * account's attempts are refused as not recognised), a locked account, or when the person cancels. Everything lives in the login session (Spring Session, in the database): the pending authorization request, the challenge's nonce (never sent to the browser),
 * the count of refusals. The page sees no score, threshold or claim; the decision is said in plain words, "not live"
 * first when liveness failed. Every POST carries the session's CSRF token.
 */
@Hidden
@RestController
class LoginController {
  /** Largest single camera frame accepted (a 1280×720 JPEG is about 200 kB). */
  static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;

  private static final String PENDING = LoginController.class.getName() + ".PENDING";
  private static final String REFUSALS = LoginController.class.getName() + ".REFUSALS";
  /** A random name for this browser session's visitor, the caller of its head-turn challenges. */
  private static final String VISITOR = LoginController.class.getName() + ".VISITOR";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int FRAME_INTERVAL_MS = 300;

  private final FaceAuthService service;
  private final FaceEngine engine;
  private final InferenceLimiter limiter;
  private final AuthorizationRequests authorizations;
  private final ServerSettings settings;
  private final Clock clock;
  private final RequestCache requests = new HttpSessionRequestCache();
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

  LoginController(FaceAuthService service, FaceEngine engine, InferenceLimiter limiter,
      AuthorizationRequests authorizations, ServerSettings settings, Clock clock) {
    this.service = service;
    this.engine = engine;
    this.limiter = limiter;
    this.authorizations = authorizations;
    this.settings = settings;
    this.clock = clock;
  }

  /** The face being checked: who, and the challenge's nonce when one was issued. */
  private record PendingFace(String userId, String nonce) implements Serializable {}

  /**
   * What the page needs to start: the CSRF header and token, the application's name, and whether a login is pending
   * at all (the page was opened from an application).
   */
  record LoginStart(String csrfHeader, String csrfToken, boolean pending, String application, int attemptsLeft) {}

  /** The person's claimed user id. */
  record ChallengeAsk(String userId) {}

  /**
   * What the person must do and how the page captures it: {@code frames} frames {@code intervalMs} apart.
   *
   * @param instruction the sentence shown (and read out to screen readers)
   */
  record Capture(String instruction, int frames, int intervalMs) {}

  /** Framing advice for one frame; {@code ready} when the face is well placed. */
  record Guidance(boolean ready, String advice) {}

  /**
   * The decision in plain words.
   *
   * @param outcome {@code accepted}, {@code refused} (the person may try again) or {@code denied} (the application
   *     is told access_denied)
   * @param continueTo where the browser goes next (back to the application), absent while retries remain
   */
  record Decision(String outcome, String message, String continueTo, int attemptsLeft) {}

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> page() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML)
        .body(new ClassPathResource("login/index.html"));
  }

  /** The session's CSRF token: never kept by a cache. */
  @GetMapping("/login/session")
  ResponseEntity<LoginStart> start(HttpServletRequest request, HttpServletResponse response) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    Optional<AuthorizationRequests.Pending> pending = pending(request, response);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new LoginStart(csrf.getHeaderName(),
        csrf.getToken(), pending.isPresent(), pending.map(AuthorizationRequests.Pending::clientName).orElse(null),
        attemptsLeft(request.getSession())));
  }

  @PostMapping(value = "/login/frame", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Guidance frame(@RequestPart(value = "frame", required = false) MultipartFile frame, HttpServletRequest request,
      HttpServletResponse response) {
    requirePending(request, response);
    byte[] bytes = frameBytes(frame, "frame");
    return limiter.run(() -> {
      try (BgrImage image = engine.decoder().decode(bytes)) {
        List<DetectedFace> faces = engine.detector(engine.config().strategy().verify()).detect(image);
        Optional<DetectedFace> subject = FacePipeline.subject(faces, image.width(), image.height());
        if (subject.isEmpty()) {
          return new Guidance(false, "No face yet. Look at the camera, in even light.");
        }
        try (AlignedFace aligned = engine.aligner().align(image, subject.get().landmarks())) {
          QualityReport quality = engine.qualityGate().assess(subject.get(), faces, aligned);
          return quality.acceptable()
              ? new Guidance(true, "Good: your face is in view. Hold still.")
              : new Guidance(false, quality.issues().get(0).advice());
        }
      }
    });
  }

  @PostMapping(value = "/login/challenge", consumes = MediaType.APPLICATION_JSON_VALUE)
  Capture challenge(@RequestBody(required = false) ChallengeAsk ask, HttpServletRequest request,
      HttpServletResponse response) {
    AuthorizationRequests.Pending pending = requirePending(request, response);
    if (ask == null || ask.userId() == null || ask.userId().isBlank()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Type your user id first.");
    }
    UserId user = UserId.of(ask.userId().strip());
    HttpSession session = request.getSession();
    if (!settings.oidc().challengeRequired()) {
      session.setAttribute(PENDING, new PendingFace(user.value(), null));
      return new Capture("Look straight at the camera and hold still.", 1, FRAME_INTERVAL_MS);
    }
    Challenge challenge = service.issueChallenge(user, context(pending, request));
    session.setAttribute(PENDING, new PendingFace(user.value(), challenge.nonce()));
    return new Capture(challenge.instruction().prompt(), FaceAuthService.MAX_CHALLENGE_FRAMES, FRAME_INTERVAL_MS);
  }

  @PostMapping(value = "/login/answer", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Decision answer(@RequestPart(value = "frames", required = false) List<MultipartFile> frames,
      HttpServletRequest request, HttpServletResponse response) {
    AuthorizationRequests.Pending pending = requirePending(request, response);
    HttpSession session = request.getSession();
    PendingFace face = (PendingFace) session.getAttribute(PENDING);
    if (face == null) {
      throw new ApiException(ApiErrorCode.NO_LOGIN_PENDING, "Start the face check first.");
    }
    session.removeAttribute(PENDING);
    int most = face.nonce() == null ? 1 : FaceAuthService.MAX_CHALLENGE_FRAMES;
    if (frames == null || frames.isEmpty() || frames.size() > most) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send 1 to " + most + " 'frames' parts.");
    }
    List<byte[]> images = frames.stream().map(f -> frameBytes(f, "frames")).toList();
    UserId user = UserId.of(face.userId());
    RequestContext context = context(pending, request);
    VerificationResult result;
    try {
      result = limiter.run(() -> face.nonce() == null
          ? service.verify(user, images.get(0), context)
          : service.verifyChallenge(user, face.nonce(), images, context));
    } catch (FaceAuthException e) {
      if (e.code() == ErrorCode.CHALLENGE_EXPIRED || e.code() == ErrorCode.CHALLENGE_UNKNOWN) {
        return new Decision("refused", "The time to answer ran out. Try again.", null, attemptsLeft(session));
      }
      throw e;
    }
    return decide(result, face.nonce() != null, pending, request, response);
  }

  @PostMapping("/login/cancel")
  Decision cancel(HttpServletRequest request, HttpServletResponse response) {
    AuthorizationRequests.Pending pending = requirePending(request, response);
    return deny(pending, "You cancelled the login.", request, response);
  }

  private Decision decide(VerificationResult result, boolean challenged, AuthorizationRequests.Pending pending,
      HttpServletRequest request, HttpServletResponse response) {
    String refusal = switch (result.outcome()) {
      case MATCH -> null;
      case SPOOF -> "Not live: this does not look like a live person in front of the camera.";
      case CHALLENGE_FAILED -> "Not live: the head movement you were asked for was not seen. "
          + "Follow the instruction, slowly.";
      // A disabled account is answered as a face that does not match (the audit log says why), so the page does not
      // tell anyone which accounts exist and are disabled.
      case NO_MATCH, USER_DISABLED -> "Not recognised: this face does not match the account.";
      case NO_FACE -> "No face was seen. Face the camera in good, even light.";
      case LOCKED -> "This account is locked for a while after repeated failed attempts.";
    };
    if (refusal == null) {
      return accept(result, challenged, pending, request, response);
    }
    HttpSession session = request.getSession();
    int refusals = refusals(session) + 1;
    session.setAttribute(REFUSALS, refusals);
    boolean last = switch (result.outcome()) {
      case LOCKED -> true;
      default -> refusals >= settings.oidc().maxAttempts();
    };
    if (last) {
      return deny(pending, refusal, request, response);
    }
    return new Decision("refused", refusal + " Try again.", null, attemptsLeft(session));
  }

  private Decision accept(VerificationResult result, boolean challenged, AuthorizationRequests.Pending pending,
      HttpServletRequest request, HttpServletResponse response) {
    FaceLogin login = FaceLogin.of(result.user().value(), settings.liveness().required(), challenged,
        clock.instant());
    request.changeSessionId();
    HttpSession session = request.getSession();
    session.removeAttribute(REFUSALS);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(login);
    contexts.saveContext(context, request, response);
    return new Decision("accepted", "Recognised. Taking you back to " + pending.clientName() + ".",
        pending.continueTo(), attemptsLeft(session));
  }

  private Decision deny(AuthorizationRequests.Pending pending, String reason, HttpServletRequest request,
      HttpServletResponse response) {
    String back = authorizations.accessDenied(pending);
    requests.removeRequest(request, response);
    request.getSession().invalidate();
    return new Decision("denied", reason + " Returning to " + pending.clientName() + " without logging in.", back, 0);
  }

  private Optional<AuthorizationRequests.Pending> pending(HttpServletRequest request, HttpServletResponse response) {
    SavedRequest saved = requests.getRequest(request, response);
    return saved == null ? Optional.empty() : authorizations.pending(saved);
  }

  private AuthorizationRequests.Pending requirePending(HttpServletRequest request, HttpServletResponse response) {
    return pending(request, response).orElseThrow(() -> new ApiException(ApiErrorCode.NO_LOGIN_PENDING,
        ApiErrorCode.NO_LOGIN_PENDING.sentence()));
  }

  private int attemptsLeft(HttpSession session) {
    return Math.max(0, settings.oidc().maxAttempts() - refusals(session));
  }

  private static int refusals(HttpSession session) {
    Object count = session.getAttribute(REFUSALS);
    return count instanceof Integer n ? n : 0;
  }

  /**
   * An anonymous visitor's context: the lockout counts its failures per user id and client network (the connector's
   * remote address, which is the proxy's forwarded one only where {@code server.forward-headers-strategy} trusts it),
   * so a stranger typing someone's id locks only themselves; its challenges belong to this browser session alone, so
   * a stranger asking challenges for the same id cannot evict the one this visitor is answering.
   */
  private static RequestContext context(AuthorizationRequests.Pending pending, HttpServletRequest request) {
    String actor = "oidc:" + pending.clientId();
    return new RequestContext(actor, Optional.of(RequestIdFilter.requestId(request)),
        Optional.ofNullable(request.getRemoteAddr()), true, actor + "/visitor:" + visitor(request.getSession()));
  }

  private static String visitor(HttpSession session) {
    Object visitor = session.getAttribute(VISITOR);
    if (visitor instanceof String name) {
      return name;
    }
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    String name = HexFormat.of().formatHex(bytes);
    session.setAttribute(VISITOR, name);
    return name;
  }

  private static byte[] frameBytes(MultipartFile frame, String field) {
    if (frame != null && frame.getSize() > MAX_FRAME_BYTES) {
      throw new ApiException(ApiErrorCode.PAYLOAD_TOO_LARGE,
          "A camera frame may be at most " + MAX_FRAME_BYTES / 1024 + " kB.");
    }
    return ImageInput.of(frame, field);
  }
}
