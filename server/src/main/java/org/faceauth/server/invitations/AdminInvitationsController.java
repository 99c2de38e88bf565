package org.faceauth.server.invitations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.server.api.Requests;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.invitations.InvitationViews.CreateInvitation;
import org.faceauth.server.invitations.InvitationViews.InvitationList;
import org.faceauth.server.invitations.InvitationViews.InvitationView;
import org.faceauth.server.invitations.InvitationViews.IssuedInvitation;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.store.invitations.Invitation;
import org.faceauth.store.invitations.InvitationStore;
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
 * Enrollment invitations (admin keys): create (the link, holding the secret, is in that answer only), list (never
 * secrets), revoke. Audited with the invited user id as subject.
 */
@RestController
@RequestMapping("/api/v1/admin/invitations")
@Tag(name = "admin: invitations", description = "Enrollment invitations: one-time, expiring links (admin keys).")
public class AdminInvitationsController {
  private static final int LIST_LIMIT = 500;

  private final InvitationStore invitations;
  private final InvitationAudit audit;
  private final PublicUrl publicUrl;
  private final ServerSettings settings;
  private final Clock clock;

  AdminInvitationsController(InvitationStore invitations, InvitationAudit audit, PublicUrl publicUrl,
      ServerSettings settings, Clock clock) {
    this.invitations = invitations;
    this.audit = audit;
    this.publicUrl = publicUrl;
    this.settings = settings;
    this.clock = clock;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Invite a person to enroll as a user id; the link is shown in this answer only.")
  ResponseEntity<IssuedInvitation> create(@RequestBody CreateInvitation body, HttpServletRequest request) {
    if (body == null || body.userId() == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST,
          "Send {\"userId\": ..., \"displayName\": optional, \"expiresInMinutes\": optional, 1 to "
              + InvitationStore.MAX_TTL.toMinutes() + ", \"replaceExisting\": optional}.");
    }
    Duration ttl = body.expiresInMinutes() == null
        ? settings.invitations().defaultTtl()
        : Duration.ofMinutes(body.expiresInMinutes());
    RequestContext context = Requests.context(request);
    InvitationStore.IssuedInvitation issued = invitations.create(UserId.of(body.userId()),
        Optional.ofNullable(body.displayName()), ttl, context.actor(), Boolean.TRUE.equals(body.replaceExisting()));
    Invitation invitation = issued.invitation();
    audit.record(context, AuditAction.CREATE_INVITATION, invitation.userId(),
        invitation.replaceExisting() ? "created_replace_existing" : "created", invitation.id());
    return ResponseEntity.created(URI.create("/api/v1/admin/invitations/" + invitation.id()))
        .body(new IssuedInvitation(InvitationView.of(invitation, clock.instant()),
            publicUrl.enrollment(issued.secret())));
  }

  @GetMapping
  @Operation(summary = "The latest 500 invitations, newest first, with their status; no secrets.")
  InvitationList list() {
    Instant now = clock.instant();
    return new InvitationList(invitations.list(LIST_LIMIT).stream().map(i -> InvitationView.of(i, now)).toList());
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a pending invitation at once.")
  ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest request) {
    Invitation invitation = invitations.byId(id).filter(i -> invitations.revoke(i.id()))
        .orElseThrow(() -> new ApiException(ApiErrorCode.NOT_FOUND,
            "There is no pending invitation with this id (used, revoked and expired ones cannot be revoked)."));
    audit.record(Requests.context(request), AuditAction.REVOKE_INVITATION, invitation.userId(), "revoked",
        invitation.id());
    return ResponseEntity.noContent().build();
  }
}
