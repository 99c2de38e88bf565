package org.faceauth.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.audit.AuditAction;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.core.user.UserId;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.invitations.Invitation;
import org.faceauth.store.invitations.InvitationStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faceauth invitations}: enrollment invitations, as the admin API makes them. The link's address comes from
 * {@code FACEAUTH_PUBLIC_URL} (else {@code http://localhost:$FACEAUTH_PORT}, 8080 by default). Creating and revoking
 * are audited with {@code cli} as actor.
 */
@Command(
    name = "invitations",
    description = "Create, list and revoke enrollment invitations (one-time links to the enrollment page).",
    subcommands = {InvitationsCommand.Create.class, InvitationsCommand.ListInvitations.class,
        InvitationsCommand.Revoke.class})
final class InvitationsCommand {
  private static final int LIST_LIMIT = 500;

  /**
   * {@code faceauth invitations create --user ID [--name NAME] [--expires-in MINUTES] [--replace]}: prints the link
   * once. A user who already has a face enrolled is refused unless {@code --replace} says the link may replace it.
   */
  @Command(name = "create", description = "Invite a person to enroll as a user id; the link is printed once.")
  static final class Create extends StoreCommand {
    @Option(names = "--user", paramLabel = "ID", required = true, description = "The user id to enroll as.")
    String user;

    @Option(names = "--name", paramLabel = "NAME", description = "The name shown to the person and stored.")
    String name;

    @Option(names = "--expires-in", paramLabel = "MINUTES",
        description = "Minutes the link works (1 to 43200; default: FACEAUTH_INVITATIONS_DEFAULT_TTL, 72 h).")
    Integer minutes;

    @Option(names = "--replace",
        description = "The user already has a face enrolled and the invited person's face replaces it.")
    boolean replace;

    @Override
    int run(StoreOptions.Session session) {
      FaceAuthSystem system = session.system();
      Duration ttl = minutes == null ? Settings.environment().invitations().defaultTtl() : Duration.ofMinutes(minutes);
      InvitationStore.IssuedInvitation issued = system.invitations().create(UserId.of(user), Optional.ofNullable(name),
          ttl, RequestContext.cli().actor(), replace);
      Invitation invitation = issued.invitation();
      audit(system, AuditAction.CREATE_INVITATION, invitation,
          invitation.replaceExisting() ? "created_replace_existing" : "created");
      Map<String, Object> out = json(invitation, system.clock());
      out.put("url", publicUrl() + "/enroll#" + issued.secret());
      Json.println(out(), out);
      return FaceAuthCli.EXIT_OK;
    }
  }

  /** {@code faceauth invitations list}: one line per invitation, newest first, never a secret. */
  @Command(name = "list", description = "List the latest 500 invitations, newest first (never their links).")
  static final class ListInvitations extends StoreCommand {
    @Override
    int run(StoreOptions.Session session) {
      for (Invitation invitation : session.system().invitations().list(LIST_LIMIT)) {
        Json.println(out(), json(invitation, session.system().clock()));
      }
      return FaceAuthCli.EXIT_OK;
    }
  }

  /** {@code faceauth invitations revoke ID}. */
  @Command(name = "revoke", description = "Revoke a pending invitation by its id.")
  static final class Revoke extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "The invitation's id (from invitations list).")
    String id;

    @Override
    int run(StoreOptions.Session session) {
      FaceAuthSystem system = session.system();
      Invitation invitation = system.invitations().byId(id).filter(i -> system.invitations().revoke(i.id()))
          .orElseThrow(() -> new BadInputException("No pending invitation with id '" + id + "'."));
      audit(system, AuditAction.REVOKE_INVITATION, invitation, "revoked");
      Json.println(out(), Json.object("id", id, "revoked", true));
      return FaceAuthCli.EXIT_OK;
    }
  }

  private static void audit(FaceAuthSystem system, AuditAction action, Invitation invitation, String outcome) {
    RequestContext cli = RequestContext.cli();
    system.auditLog().record(new AuditEvent(system.clock().instant(), cli.actor(), action,
        Optional.of(invitation.userId()), Optional.empty(), outcome + " invitation:" + invitation.id(),
        Optional.empty(), cli.requestId(), cli.clientAddress()));
  }

  private static String publicUrl() {
    String configured = Settings.environment().publicUrl();
    if (configured != null && !configured.isBlank()) {
      String url = configured.strip();
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    return "http://localhost:" + Optional.ofNullable(System.getenv("FACEAUTH_PORT")).orElse("8080");
  }

  static Map<String, Object> json(Invitation invitation, Clock clock) {
    Instant now = clock.instant();
    return Json.object(
        "id", invitation.id(),
        "userId", invitation.userId(),
        "displayName", invitation.displayName().orElse(null),
        "status", invitation.status(now).name().toLowerCase(Locale.ROOT),
        "createdAt", invitation.createdAt().toString(),
        "expiresAt", invitation.expiresAt().toString(),
        "usedAt", invitation.usedAt().map(Object::toString).orElse(null),
        "revokedAt", invitation.revokedAt().map(Object::toString).orElse(null),
        "replaceExisting", invitation.replaceExisting());
  }
}
