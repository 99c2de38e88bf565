package org.faceauth.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.EnrollmentRequest;
import org.faceauth.core.flow.EnrollmentResult;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserDirectory;
import org.faceauth.core.user.UserProfile;
import org.faceauth.core.user.UserQuery;
import org.faceauth.core.view.EnrollmentView;
import org.faceauth.core.view.UserView;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Users (admin keys): create, read, list, erase, enroll faces, and unlock verification. */
@Tag(name = "Users", description = "Create, read, list and erase users, enroll their faces, unlock them (admin keys)")
@RestController
@RequestMapping("/api/v1/users")
public class UsersController {

  private final FaceAuthService service;
  private final InferenceLimiter limiter;
  private final UserDirectory directory;
  private final Clock clock;

  UsersController(FaceAuthService service, UserDirectory directory, InferenceLimiter limiter, Clock clock) {
    this.directory = directory;
    this.service = service;
    this.clock = clock;
    this.limiter = limiter;
  }

  /** The body of {@code POST /api/v1/users}: the id, and optionally a name, an email and whether they consented. */
  record CreateUser(String userId, String displayName, String email, Boolean consent) {}

  /**
   * The JSON body of an enrollment for clients that cannot send multipart: 1 to 10 images as base64, and how the
   * request asks to be treated.
   */
  record EnrollJson(
      List<String> images, Boolean replace, Boolean allowDuplicate, Boolean createUser, Boolean consent) {}

  /** One page of users, in id order, with the total number of users. */
  record UserPage(List<UserView> items, int page, int size, int total) {}

  @Operation(summary = "Create a user")
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<UserView> create(@RequestBody CreateUser body, HttpServletRequest request) {
    if (body == null || body.userId() == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"userId\": ..., \"displayName\": ..., \"email\": ...}.");
    }
    UserId id = UserId.of(body.userId());
    User user = service.createUser(id, profile(body.displayName(), body.email(), body.consent()),
        Requests.context(request));
    return ResponseEntity.created(URI.create("/api/v1/users/" + id)).body(UserView.of(user));
  }

  @Operation(summary = "Read a user")
  @GetMapping("/{id}")
  UserView get(@PathVariable String id) {
    UserId user = UserId.of(id);
    return UserView.of(service.user(user).orElseThrow(() -> notFound(user)));
  }

  @Operation(summary = "List users, a page at a time")
  @GetMapping
  UserPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || page > UserQuery.MAX_PAGE || size < 1 || size > UserQuery.MAX_SIZE) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST,
          "page must be 0 to " + UserQuery.MAX_PAGE + " and size between 1 and " + UserQuery.MAX_SIZE + ".");
    }
    Instant now = clock.instant();
    org.faceauth.core.user.UserPage found = directory.search(UserQuery.all(size).onPage(page), now);
    return new UserPage(found.items().stream().map(s -> UserView.of(s.user())).toList(), page, size,
        (int) Math.min(Integer.MAX_VALUE, found.total()));
  }

  @Operation(summary = "Erase a user: templates, files, index entries and lockout (GDPR)")
  @ResponseStatus(HttpStatus.NO_CONTENT)
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
  @Operation(summary = "Clear the verification lockout of a user id (audited)")
  @PostMapping("/{id}/unlock")
  Unlocked unlock(@PathVariable String id, HttpServletRequest request) {
    UserId user = UserId.of(id);
    return new Unlocked(user.value(), service.unlock(user, Requests.context(request)));
  }

  @Operation(summary = "Enroll 1 to 10 photos of a user (each checked by the quality gate)")
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(value = "/{id}/faces", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<EnrollmentView> enroll(
      @PathVariable String id,
      @RequestPart(value = "images", required = false) List<MultipartFile> images,
      @RequestParam(defaultValue = "false") boolean replace,
      @RequestParam(defaultValue = "false") boolean allowDuplicate,
      @RequestParam(defaultValue = "false") boolean createUser,
      @RequestParam(defaultValue = "false") boolean consent,
      HttpServletRequest request) {
    if (images == null || images.isEmpty()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send 1 to 10 photos as repeated 'images' parts.");
    }
    List<byte[]> bytes = new ArrayList<>();
    for (MultipartFile image : images) {
      bytes.add(ImageInput.of(image, "images"));
    }
    return enroll(UserId.of(id), bytes, new EnrollOptions(replace, allowDuplicate, createUser, consent), request);
  }

  @Operation(summary = "Enroll 1 to 10 photos of a user, as base64 in JSON")
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(value = "/{id}/faces", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<EnrollmentView> enrollJson(
      @PathVariable String id, @RequestBody EnrollJson body, HttpServletRequest request) {
    if (body == null || body.images() == null || body.images().isEmpty()) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"images\": [base64, ...]} with 1 to 10 photos.");
    }
    List<byte[]> bytes = body.images().stream().map(b -> ImageInput.ofBase64(b, "images")).toList();
    return enroll(UserId.of(id), bytes, new EnrollOptions(Boolean.TRUE.equals(body.replace()),
        Boolean.TRUE.equals(body.allowDuplicate()), Boolean.TRUE.equals(body.createUser()),
        Boolean.TRUE.equals(body.consent())), request);
  }

  /**
   * How an enrollment request asks to be treated: replace or add templates, override the duplicate check, create the
   * user when the id is new, and record the person's consent now.
   */
  private record EnrollOptions(boolean replace, boolean allowDuplicate, boolean createUser, boolean consent) {}

  private ResponseEntity<EnrollmentView> enroll(
      UserId user, List<byte[]> images, EnrollOptions options, HttpServletRequest request) {
    EnrollmentRequest enrollment = new EnrollmentRequest(user, UserProfile.EMPTY, images, options.replace(),
        options.allowDuplicate(), options.createUser(), options.consent());
    EnrollmentResult result = limiter.run(() -> service.enroll(enrollment, Requests.context(request)));
    return ResponseEntity.status(HttpStatus.CREATED).body(EnrollmentView.of(result));
  }

  private UserProfile profile(String displayName, String email, Boolean consent) {
    return new UserProfile(Optional.ofNullable(displayName), Optional.ofNullable(email),
        Boolean.TRUE.equals(consent) ? Optional.of(clock.instant()) : Optional.empty());
  }

  private static FaceAuthException notFound(UserId user) {
    return new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + user + "' is enrolled.");
  }
}
