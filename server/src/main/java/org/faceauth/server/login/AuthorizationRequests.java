package org.faceauth.server.login;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.faceauth.server.invitations.PublicUrl;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization request a login page session is for: the one the authorization endpoint saved before sending the
 * browser to the login page (Spring Authorization Server had already checked its client, redirect URI, scopes and
 * PKCE). Gives the way back to the application either way: the saved request itself after a match (the endpoint then
 * issues the code), or the client's registered redirect URI with {@code error=access_denied}, the request's
 * {@code state} and the issuer (RFC 9207) after a refusal — the redirect URI is checked against the registration
 * again, so the browser is never sent anywhere else.
 */
@Component
class AuthorizationRequests {
  private final RegisteredClientRepository clients;
  private final AuthorizationServerSettings server;
  private final PublicUrl publicUrl;

  AuthorizationRequests(RegisteredClientRepository clients, AuthorizationServerSettings server, PublicUrl publicUrl) {
    this.clients = clients;
    this.server = server;
    this.publicUrl = publicUrl;
  }

  /**
   * A pending authorization request.
   *
   * @param continueTo the authorization request to resume once the person is signed in
   */
  record Pending(String clientId, String clientName, String redirectUri, String state, String continueTo) {}

  /** The authorization request saved in the session, if that is what was saved and its client still exists. */
  Optional<Pending> pending(SavedRequest saved) {
    if (!(saved instanceof DefaultSavedRequest request) || !"GET".equals(request.getMethod())
        || !server.getAuthorizationEndpoint().equals(request.getServletPath())) {
      return Optional.empty();
    }
    String clientId = parameter(saved, "client_id");
    RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
    if (client == null) {
      return Optional.empty();
    }
    String redirectUri = parameter(saved, "redirect_uri");
    if (redirectUri == null && client.getRedirectUris().size() == 1) {
      redirectUri = client.getRedirectUris().iterator().next();
    }
    if (redirectUri == null || !client.getRedirectUris().contains(redirectUri)) {
      return Optional.empty();
    }
    return Optional.of(new Pending(clientId, client.getClientName(), redirectUri, parameter(saved, "state"),
        saved.getRedirectUrl()));
  }

  /** The client's redirect URI answering the request with {@code access_denied}. */
  String accessDenied(Pending pending) {
    UriComponentsBuilder back = UriComponentsBuilder.fromUriString(pending.redirectUri())
        .queryParam("error", "access_denied")
        .queryParam("error_description", encoded("The face login was refused or cancelled."));
    if (pending.state() != null) {
      back.queryParam("state", encoded(pending.state()));
    }
    back.queryParam("iss", encoded(publicUrl.base()));
    return back.build(true).toUriString();
  }

  /**
   * Every character outside RFC 3986's unreserved set percent-encoded ({@code +} included, which form decoding reads as
   * a space), so the application reads back exactly the {@code state} it sent.
   */
  private static String encoded(String value) {
    return UriUtils.encode(value, StandardCharsets.UTF_8);
  }

  private static String parameter(SavedRequest saved, String name) {
    String[] values = saved.getParameterValues(name);
    return values == null || values.length != 1 ? null : values[0];
  }
}
