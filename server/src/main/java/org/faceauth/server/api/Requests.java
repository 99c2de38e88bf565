package org.faceauth.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.server.middleware.RequestIdFilter;
import org.faceauth.server.security.ApiKeys;
import org.faceauth.server.security.InvitationAuthentication;

/**
 * The audit context of an HTTP request: the API key (or the enrollment invitation) as actor, the request id and the
 * client address as the connector reports it (the proxy's forwarded address only where the operator trusts the proxy:
 * {@code server.forward-headers-strategy}); anonymous when the request carries neither a key nor an invitation.
 */
public final class Requests {
  private Requests() {}

  public static RequestContext context(HttpServletRequest request) {
    Optional<String> caller = ApiKeys.keyId(request).map(id -> "key:" + id)
        .or(() -> InvitationAuthentication.of(request).map(invitation -> "invitation:" + invitation.id()));
    return new RequestContext(caller.orElse("anonymous"), Optional.of(RequestIdFilter.requestId(request)),
        Optional.ofNullable(request.getRemoteAddr()), caller.isEmpty());
  }
}
