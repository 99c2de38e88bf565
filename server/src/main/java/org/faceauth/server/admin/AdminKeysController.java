package org.faceauth.server.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.audit.AuditLog;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.server.api.Requests;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys (admin keys): create (the secret is in that answer only), list (never secrets), revoke, rotate (a new
 * secret for the same name and role, the old one revoked in the same transaction). Every change is audited with
 * {@code key:<public id>} as its subject.
 */
@RestController
@RequestMapping("/api/v1/admin/keys")
@Tag(name = "admin: API keys", description = "Create, list, revoke and rotate API keys (admin keys).")
public class AdminKeysController {
  private static final int MAX_NAME = 100;

  private final ApiKeyStore keys;
  private final AuditLog audit;
  private final Clock clock;

  AdminKeysController(ApiKeyStore keys, AuditLog audit, Clock clock) {
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping
  @Operation(summary = "Every key, active or revoked, oldest first; no secrets.")
  AdminViews.KeyList list() {
    return new AdminViews.KeyList(keys.list().stream().map(AdminViews.KeyView::of).toList());
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Make a key; its secret is shown in this answer only.")
  ResponseEntity<AdminViews.IssuedKeyView> create(
      @RequestBody AdminViews.CreateKey body, HttpServletRequest request) {
    if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > MAX_NAME
        || body.role() == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST,
          "Send {\"name\": 1 to " + MAX_NAME + " characters, \"role\": \"app\" or \"admin\"}.");
    }
    ApiKeyRole role = switch (body.role().toLowerCase(Locale.ROOT)) {
      case "app" -> ApiKeyRole.APP;
      case "admin" -> ApiKeyRole.ADMIN;
      default -> throw new ApiException(ApiErrorCode.BAD_REQUEST, "role is \"app\" or \"admin\".");
    };
    ApiKeyStore.IssuedKey issued = keys.create(body.name().strip(), role);
    audited(request, AuditAction.CREATE_API_KEY, issued.key().id(), "created");
    return ResponseEntity.created(URI.create("/api/v1/admin/keys/" + issued.key().id()))
        .body(AdminViews.IssuedKeyView.of(issued));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a key at once.")
  ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest request) {
    if (!keys.revoke(id)) {
      throw noSuchKey();
    }
    audited(request, AuditAction.REVOKE_API_KEY, id, "revoked");
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{id}/rotate")
  @Operation(summary = "Replace a key by a new secret with the same name and role; the old one stops working.")
  AdminViews.IssuedKeyView rotate(@PathVariable String id, HttpServletRequest request) {
    ApiKeyStore.IssuedKey issued = keys.rotate(id).orElseThrow(AdminKeysController::noSuchKey);
    audited(request, AuditAction.ROTATE_API_KEY, id, "rotated");
    audited(request, AuditAction.CREATE_API_KEY, issued.key().id(), "created");
    return AdminViews.IssuedKeyView.of(issued);
  }

  private void audited(HttpServletRequest request, AuditAction action, String keyId, String outcome) {
    RequestContext context = Requests.context(request);
    audit.record(new AuditEvent(clock.instant(), context.actor(), action, Optional.of("key:" + keyId),
        Optional.empty(), outcome, Optional.empty(), context.requestId(), context.clientAddress()));
  }

  private static ApiException noSuchKey() {
    return new ApiException(ApiErrorCode.NOT_FOUND, "There is no active API key with this id.");
  }
}
