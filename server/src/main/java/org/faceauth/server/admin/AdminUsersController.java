package org.faceauth.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.AccountStatus;
import org.faceauth.core.user.UserDirectory;
import org.faceauth.core.user.UserId;
import org.faceauth.core.user.UserPage;
import org.faceauth.core.user.UserQuery;
import org.faceauth.core.user.UserStatus;
import org.faceauth.server.api.Requests;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' user management (admin keys): search with filters and paging done in the database, one user's detail
 * (templates and their quality, last successful verification, lock), disable and enable. Unlock and erase are
 * {@code POST /api/v1/users/{id}/unlock} and {@code DELETE /api/v1/users/{id}}.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
@Tag(name = "admin: users", description = "Search, inspect, disable and enable users (admin keys).")
public class AdminUsersController {
  private final UserDirectory users;
  private final AccountStatus accountStatus;
  private final Clock clock;

  AdminUsersController(UserDirectory users, AccountStatus accountStatus, Clock clock) {
    this.users = users;
    this.accountStatus = accountStatus;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "Users matching a prefix and filters, ordered by id, one page (size at most 200).")
  AdminViews.UserList search(
      @Parameter(description = "id or display-name prefix") @RequestParam(required = false) String q,
      @RequestParam(required = false) Boolean disabled,
      @RequestParam(required = false) Boolean locked,
      @RequestParam(required = false) Boolean enrolled,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    UserQuery query = new UserQuery(Optional.ofNullable(q), Optional.ofNullable(disabled),
        Optional.ofNullable(locked), Optional.ofNullable(enrolled), page, size);
    UserPage found = users.search(query, clock.instant());
    return new AdminViews.UserList(
        found.items().stream().map(AdminViews.UserView::of).toList(), page, size, found.total());
  }

  @GetMapping("/{id}")
  @Operation(summary = "One user: profile, status, template count and mean quality, last verification, lock.")
  AdminViews.UserView detail(@PathVariable String id) {
    UserId user = UserId.of(id);
    return users.summary(user, clock.instant()).map(AdminViews.UserView::of).orElseThrow(() -> notFound(user));
  }

  @PostMapping("/{id}/disable")
  @Operation(summary = "Disable a user: verification answers USER_DISABLED, identification leaves them out.")
  AdminViews.UserView disable(@PathVariable String id, HttpServletRequest request) {
    return setStatus(UserId.of(id), UserStatus.DISABLED, request);
  }

  @PostMapping("/{id}/enable")
  @Operation(summary = "Enable a disabled user again.")
  AdminViews.UserView enable(@PathVariable String id, HttpServletRequest request) {
    return setStatus(UserId.of(id), UserStatus.ACTIVE, request);
  }

  private AdminViews.UserView setStatus(UserId user, UserStatus status, HttpServletRequest request) {
    if (!accountStatus.set(user, status, Requests.context(request))) {
      throw notFound(user);
    }
    return detail(user.value());
  }

  private static FaceAuthException notFound(UserId user) {
    return new FaceAuthException(ErrorCode.USER_NOT_FOUND, "No user '" + user + "' exists.");
  }
}
