package org.faceauth.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.faceauth.core.flow.RequestContext;
import org.faceauth.server.middleware.RequestIdFilter;
import org.faceauth.server.security.ApiKeys;
import org.faceauth.server.security.InvitationAuthentication;

/**
 * The audit context of an HTTP request: the API key (or the enrollment invitation) as actor, the request id and the
 * client address.
 */
public final class Requests {
  private Requests() {}

  public static RequestContext context(HttpServletRequest request) {
    return new RequestContext(
        ApiKeys.keyId(request).map(id -> "key:" + id)
            .or(() -> InvitationAuthentication.of(request).map(invitation -> "invitation:" + invitation.id()))
            .orElse("anonymous"),
        Optional.of(RequestIdFilter.requestId(request)),
        Optional.ofNullable(request.getRemoteAddr()));
  }
}
