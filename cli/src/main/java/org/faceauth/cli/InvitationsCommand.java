package org.faceauth.cli;

import java.net.URI;
import java.net.URISyntaxException;
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
 * {@code --public-url} or {@code FACEAUTH_PUBLIC_URL}: the command line cannot know which port or host the server
 * answers on, so without one it refuses before making an invitation rather than hand out a link it guessed. Creating
 * and revoking are audited with {@code cli} as actor.
 */
@Command(
    name = "invitations",
    description = "Create, list and revoke enrollment invitations (one-time links to the enrollment page).",
    subcommands = {InvitationsCommand.Create.class, InvitationsCommand.ListInvitations.class,
        InvitationsCommand.Revoke.class})
final class InvitationsCommand {
  private static final int LIST_LIMIT = 500;

  /**
   * {@code faceauth invitations create --user ID --public-url URL [--name NAME] [--expires-in MINUTES] [--replace]}:
   * prints the link once. A user who already has a face enrolled is refused unless {@code --replace} says the link may
   * replace it.
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

    @Option(names = "--public-url", paramLabel = "URL",
        description = "The address people reach the server at, such as http://localhost:19600 or "
            + "https://faceauth.example.org (default: FACEAUTH_PUBLIC_URL; required, the link is built on it).")
    String publicUrl;

    @Option(names = "--replace",
        description = "The user already has a face enrolled and the invited person's face replaces it.")
    boolean replace;

    @Override
    int run(StoreOptions.Session session) {
      String base = publicUrl(publicUrl);
      FaceAuthSystem system = session.system();
      Duration ttl = minutes == null ? Settings.environment().invitations().defaultTtl() : Duration.ofMinutes(minutes);
      InvitationStore.IssuedInvitation issued = system.invitations().create(UserId.of(user), Optional.ofNullable(name),
          ttl, RequestContext.cli().actor(), replace);
      Invitation invitation = issued.invitation();
      audit(system, AuditAction.CREATE_INVITATION, invitation,
          invitation.replaceExisting() ? "created_replace_existing" : "created");
      Map<String, Object> out = json(invitation, system.clock());
      out.put("url", base + "/enroll#" + issued.secret());
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

  /**
   * The link's base address, without a trailing slash: {@code option}, else {@code FACEAUTH_PUBLIC_URL}; neither is a
   * {@link BadInputException}, since a guessed port would make a dead link whose secret is shown only once.
   */
  private static String publicUrl(String option) {
    String given = option != null ? option : Settings.environment().publicUrl();
    if (given == null || given.isBlank()) {
      throw new BadInputException("Give the address people reach the server at with --public-url URL (or set "
          + "FACEAUTH_PUBLIC_URL), such as http://localhost:8080 for 'faceauth serve --port 8080': the command line "
          + "cannot know the server's port or host, and the link is shown only once. No invitation was made.");
    }
    String url = given.strip();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new BadInputException(notAnAddress(url), e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new BadInputException(notAnAddress(url));
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String notAnAddress(String url) {
    return "--public-url (FACEAUTH_PUBLIC_URL) must be an http or https address without query or fragment, such as "
        + "https://faceauth.example.org, not '" + url + "'. No invitation was made.";
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
        "openedAt", invitation.openedAt().map(Object::toString).orElse(null),
        "consentedAt", invitation.consentedAt().map(Object::toString).orElse(null),
        "usedAt", invitation.usedAt().map(Object::toString).orElse(null),
        "revokedAt", invitation.revokedAt().map(Object::toString).orElse(null),
        "replaceExisting", invitation.replaceExisting());
  }
}
