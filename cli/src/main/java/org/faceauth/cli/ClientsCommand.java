package org.faceauth.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.server.oidc.OidcClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faceauth clients}: the applications that may "Log in with FaceAuth" (OpenID Connect clients). */
@Command(
    name = "clients",
    description = "Register, list and delete the applications that log people in with FaceAuth (OpenID Connect).",
    subcommands = {ClientsCommand.Create.class, ClientsCommand.ListClients.class, ClientsCommand.Delete.class})
final class ClientsCommand {
  /** {@code faceauth clients create --name NAME --redirect-uri URI... [--type public|confidential]}. */
  @Command(name = "create",
      description = "Register a client; a confidential client's secret is printed once and stored only as a hash.")
  static final class Create extends StoreCommand {
    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The application's name.")
    String name;

    @Option(names = "--redirect-uri", paramLabel = "URI", required = true,
        description = "Where the browser returns with the code (repeat for several): https, or http on localhost.")
    List<String> redirectUris;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "openid",
        description = "openid (always) and optionally profile (repeat; default: ${DEFAULT-VALUE}).")
    List<String> scopes;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "confidential",
        description = "confidential (a server: gets a secret) or public (browser or phone app: PKCE, no secret); "
            + "default: ${DEFAULT-VALUE}.")
    String type;

    @Override
    int run(StoreOptions.Session session) {
      OidcClients.Type parsed = switch (type.toLowerCase(Locale.ROOT)) {
        case "public" -> OidcClients.Type.PUBLIC;
        case "confidential" -> OidcClients.Type.CONFIDENTIAL;
        default -> throw new BadInputException("--type must be public or confidential, not '" + type + "'.");
      };
      OidcClients.Issued issued;
      try {
        issued = clients(session).create(
            new OidcClients.Registration(name, redirectUris, scopes, parsed), RequestContext.cli());
      } catch (FaceAuthException e) {
        throw new BadInputException(e.getMessage(), e);
      }
      Map<String, Object> out = json(issued.client());
      out.put("clientSecret", issued.secret().orElse(null));
      Json.println(out(), out);
      return FaceAuthCli.EXIT_OK;
    }
  }

  /** {@code faceauth clients list}: one line per client, never a secret. */
  @Command(name = "list", description = "List the registered clients (never their secrets).")
  static final class ListClients extends StoreCommand {
    @Override
    int run(StoreOptions.Session session) {
      for (OidcClients.Client client : clients(session).list()) {
        Json.println(out(), json(client));
      }
      return FaceAuthCli.EXIT_OK;
    }
  }

  /** {@code faceauth clients delete CLIENT_ID}. */
  @Command(name = "delete", description = "Delete a client with its pending codes and tokens.")
  static final class Delete extends StoreCommand {
    @Parameters(paramLabel = "CLIENT_ID", description = "The client id (from clients list).")
    String clientId;

    @Override
    int run(StoreOptions.Session session) {
      if (!clients(session).delete(clientId, RequestContext.cli())) {
        throw new BadInputException("No client with id '" + clientId + "'.");
      }
      Json.println(out(), Json.object("clientId", clientId, "deleted", true));
      return FaceAuthCli.EXIT_OK;
    }
  }

  private static OidcClients clients(StoreOptions.Session session) {
    return OidcClients.over(session.system().database().dataSource(), session.system().auditLog(),
        session.system().clock(), Settings.environment().oidc());
  }

  static Map<String, Object> json(OidcClients.Client client) {
    return Json.object(
        "clientId", client.clientId(),
        "name", client.name(),
        "type", client.type().name().toLowerCase(Locale.ROOT),
        "redirectUris", client.redirectUris(),
        "scopes", client.scopes(),
        "createdAt", client.createdAt().toString());
  }
}
