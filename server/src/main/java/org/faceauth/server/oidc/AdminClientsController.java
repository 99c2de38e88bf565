package org.faceauth.server.oidc;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.faceauth.server.api.Requests;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
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
 * The applications that may "Log in with FaceAuth" (admin keys): register (a confidential client's secret is in that
 * answer only), list, delete. See {@link OidcClients} for the rules.
 */
@RestController
@RequestMapping("/api/v1/admin/clients")
@Tag(name = "admin: OpenID Connect clients",
    description = "Register, list and delete the applications that log people in with FaceAuth (admin keys).")
public class AdminClientsController {
  private final OidcClients clients;

  AdminClientsController(OidcClients clients) {
    this.clients = clients;
  }

  /**
   * The body of a registration.
   *
   * @param type {@code public} (browser or mobile app: PKCE, no secret) or {@code confidential} (a server: a secret)
   * @param scopes {@code openid} and optionally {@code profile}; default {@code ["openid"]}
   */
  record CreateClient(String name, List<String> redirectUris, List<String> scopes, String type) {}

  /** A registered client; never its secret. */
  record ClientView(
      String clientId, String name, String type, List<String> redirectUris, List<String> scopes, Instant createdAt) {
    static ClientView of(OidcClients.Client client) {
      return new ClientView(client.clientId(), client.name(), client.type().name().toLowerCase(Locale.ROOT),
          client.redirectUris(), client.scopes(), client.createdAt());
    }
  }

  /** Every registered client. */
  record ClientList(List<ClientView> items) {}

  /**
   * A client just registered.
   *
   * @param clientSecret a confidential client's secret, shown in this answer only (null for public clients)
   */
  record IssuedClient(ClientView client, String clientSecret) {}

  @GetMapping
  @Operation(summary = "Every registered client, oldest first; no secrets.")
  ClientList list() {
    return new ClientList(clients.list().stream().map(ClientView::of).toList());
  }

  @GetMapping("/{clientId}")
  @Operation(summary = "One registered client; no secret.")
  ClientView get(@PathVariable String clientId) {
    return clients.find(clientId).map(ClientView::of).orElseThrow(AdminClientsController::noSuchClient);
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register a client; a confidential client's secret is shown in this answer only.")
  ResponseEntity<IssuedClient> create(@RequestBody CreateClient body, HttpServletRequest request) {
    if (body == null || body.type() == null) {
      throw new ApiException(ApiErrorCode.BAD_REQUEST, "Send {\"name\", \"redirectUris\": [...], \"scopes\": "
          + "[\"openid\"], \"type\": \"public\" or \"confidential\"}.");
    }
    OidcClients.Type type = switch (body.type().toLowerCase(Locale.ROOT)) {
      case "public" -> OidcClients.Type.PUBLIC;
      case "confidential" -> OidcClients.Type.CONFIDENTIAL;
      default -> throw new ApiException(ApiErrorCode.BAD_REQUEST, "type is \"public\" or \"confidential\".");
    };
    OidcClients.Issued issued = clients.create(
        new OidcClients.Registration(body.name(), body.redirectUris(), body.scopes(), type),
        Requests.context(request));
    return ResponseEntity.created(URI.create("/api/v1/admin/clients/" + issued.client().clientId()))
        .body(new IssuedClient(ClientView.of(issued.client()), issued.secret().orElse(null)));
  }

  @DeleteMapping("/{clientId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a client with its pending codes and tokens.")
  ResponseEntity<Void> delete(@PathVariable String clientId, HttpServletRequest request) {
    if (!clients.delete(clientId, Requests.context(request))) {
      throw noSuchClient();
    }
    return ResponseEntity.noContent().build();
  }

  private static ApiException noSuchClient() {
    return new ApiException(ApiErrorCode.NOT_FOUND, "There is no registered client with this client id.");
  }
}
