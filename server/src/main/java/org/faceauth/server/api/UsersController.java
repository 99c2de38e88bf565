package org.faceauth.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.ImageVerdict;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserProfile;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.protection.InferenceLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Users (admin keys): create, read, list, erase, enroll faces, and unlock verification. */
@RestController
@RequestMapping("/api/v1/users")
public class UsersController {
  private static final int MAX_PAGE_SIZE = 200;

  private final FaceAuthService service;
  private final InferenceLimiter limiter;
  private final Clock clock;

  UsersController(FaceAuthService service, InferenceLimiter limiter, Clock clock) {
    this.service = service;
    this.clock = clock;
    this.limiter = limiter;
  }

  /** The body of {@code POST /api/v1/users}. */
  record CreateUser(String userId, String displayName, String email, Boolean consent) {}

  /** The JSON body of an enrollment for clients that cannot send multipart. */
  record EnrollJson(List<String> images, Boolean replace, Boolean allowDuplicate) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(@RequestBody CreateUser body, HttpServletRequest request) {
    if (body == null || body.userId() == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"userId\": ..., \"displayName\": ..., \"email\": ...}.");
    }
    UserId id = UserId.of(body.userId());
    User user = service.createUser(id, profile(body.displayName(), body.email(), body.consent()),
        Requests.context(request));
    return ResponseEntity.created(URI.create("/api/v1/users/" + id)).body(json(user));
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    UserId user = UserId.of(id);
    return json(service.user(user).orElseThrow(() -> notFound(user)));
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE + ".");
    }
    List<User> all = service.users();
    int from = (int) Math.min((long) page * size, all.size());
    int to = Math.min(from + size, all.size());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", all.subList(from, to).stream().map(UsersController::json).toList());
    body.put("page", page);
    body.put("size", size);
    body.put("total", all.size());
    return body;
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> erase(@PathVariable String id, HttpServletRequest request) {
    UserId user = UserId.of(id);
    if (!service.erase(user, Requests.context(request))) {
      throw notFound(user);
    }
    return ResponseEntity.noContent().build();
  }

  /** The answer to an unlock: whether there were failed attempts or a lock to forget. */
  record Unlocked(String userId, boolean cleared) {}

  /**
   * Clears the lockout of a user id (its failed verifications and any lock), audited. Works for any well-formed id,
   * enrolled or not, since attempts on unknown ids are counted too.
   */
  @PostMapping("/{id}/unlock")
  Unlocked unlock(@PathVariable String id, HttpServletRequest request) {
    UserId user = UserId.of(id);
    return new Unlocked(user.value(), service.unlock(user, Requests.context(request)));
  }

  @PostMapping(value = "/{id}/faces", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> enroll(
      @PathVariable String id,
      @RequestPart(value = "images", required = false) List<MultipartFile> images,
      @RequestParam(defaultValue = "false") boolean replace,
      @RequestParam(defaultValue = "false") boolean allowDuplicate,
      HttpServletRequest request) {
    if (images == null || images.isEmpty()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send 1 to 10 photos as repeated 'images' parts.");
    }
    List<byte[]> bytes = new ArrayList<>();
    for (MultipartFile image : images) {
      bytes.add(ImageInput.of(image, "images"));
    }
    return enroll(UserId.of(id), bytes, replace, allowDuplicate, request);
  }

  @PostMapping(value = "/{id}/faces", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> enrollJson(
      @PathVariable String id, @RequestBody EnrollJson body, HttpServletRequest request) {
    if (body == null || body.images() == null || body.images().isEmpty()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"images\": [base64, ...]} with 1 to 10 photos.");
    }
    List<byte[]> bytes = body.images().stream().map(b -> ImageInput.ofBase64(b, "images")).toList();
    return enroll(UserId.of(id), bytes, Boolean.TRUE.equals(body.replace()),
        Boolean.TRUE.equals(body.allowDuplicate()), request);
  }

  private ResponseEntity<Map<String, Object>> enroll(
      UserId user, List<byte[]> images, boolean replace, boolean allowDuplicate, HttpServletRequest request) {
    EnrollmentResult result = limiter.run(() -> service.enroll(
        new EnrollmentRequest(user, UserProfile.EMPTY, images, replace, allowDuplicate), Requests.context(request)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user.value());
    body.put("templatesAdded", result.templatesAdded());
    body.put("templates", result.user().templates());
    body.put("images", result.verdicts().stream().map(UsersController::verdict).toList());
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }

  /** The JSON of one image's enrollment verdict (also in the ENROLLMENT_REJECTED problem). */
  public static Map<String, Object> verdict(ImageVerdict v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", v.index());
    out.put("accepted", v.accepted());
    out.put("reasons", v.reasons());
    out.put("advice", v.advice());
    out.put("quality", v.quality().orElse(null));
    return out;
  }

  static Map<String, Object> json(User user) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userId", user.id().value());
    out.put("displayName", user.profile().displayName().orElse(null));
    out.put("email", user.profile().email().orElse(null));
    out.put("consentAt", user.profile().consentAt().map(Instant::toString).orElse(null));
    out.put("status", user.status().name().toLowerCase(Locale.ROOT));
    out.put("templates", user.templates());
    out.put("createdAt", user.createdAt().toString());
    out.put("updatedAt", user.updatedAt().toString());
    return out;
  }

  private UserProfile profile(String displayName, String email, Boolean consent) {
    return new UserProfile(Optional.ofNullable(displayName), Optional.ofNullable(email),
        Boolean.TRUE.equals(consent) ? Optional.of(clock.instant()) : Optional.empty());
  }

  private static FaceAuthException notFound(UserId user) {
    return new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + user + "' is enrolled.");
  }
}
