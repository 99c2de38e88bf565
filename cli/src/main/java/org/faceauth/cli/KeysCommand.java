package org.faceauth.cli;

import java.util.Locale;
import java.util.Map;
import org.faceauth.store.keys.ApiKey;
import org.faceauth.store.keys.ApiKeyRole;
import org.faceauth.store.keys.ApiKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faceauth keys}: the REST server's API keys. */
@Command(
    name = "keys",
    description = "Create, list and revoke the REST server's API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {
  /** {@code faceauth keys create --role app|admin --name NAME}: prints the key once. */
  @Command(name = "create", description = "Make a key; it is printed once and stored only as a hash.")
  static final class Create extends StoreCommand {
    @Option(names = "--role", paramLabel = "ROLE", required = true, description = "app or admin.")
    String role;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "What the key is for.")
    String name;

    @Override
    int run(StoreOptions.Session session) {
      ApiKeyRole parsed;
      try {
        parsed = ApiKeyRole.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--role must be app or admin, not '" + role + "'.", e);
      }
      ApiKeyStore.IssuedKey issued = session.system().apiKeys().create(name, parsed);
      Map<String, Object> out = json(issued.key());
      out.put("key", issued.secret());
      Json.println(out(), out);
      return FaceAuthCli.EXIT_OK;
    }
  }

  /** {@code faceauth keys list}: one line per key, never the key itself. */
  @Command(name = "list", description = "List the keys (ids, names, roles; never the keys themselves).")
  static final class ListKeys extends StoreCommand {
    @Override
    int run(StoreOptions.Session session) {
      for (ApiKey key : session.system().apiKeys().list()) {
        Json.println(out(), json(key));
      }
      return FaceAuthCli.EXIT_OK;
    }
  }

  /** {@code faceauth keys revoke ID}. */
  @Command(name = "revoke", description = "Revoke a key by its id.")
  static final class Revoke extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "The key's id (from keys list).")
    String id;

    @Override
    int run(StoreOptions.Session session) {
      if (!session.system().apiKeys().revoke(id)) {
        throw new BadInputException("No active key with id '" + id + "'.");
      }
      Json.println(out(), Json.object("id", id, "revoked", true));
      return FaceAuthCli.EXIT_OK;
    }
  }

  static Map<String, Object> json(ApiKey key) {
    return Json.object(
        "id", key.id(),
        "name", key.name(),
        "role", key.role().name().toLowerCase(Locale.ROOT),
        "createdAt", key.createdAt().toString(),
        "revokedAt", key.revokedAt().map(Object::toString).orElse(null));
  }
}
