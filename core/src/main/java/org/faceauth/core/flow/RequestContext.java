package org.faceauth.core.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, for the audit log and the lockout.
 *
 * @param actor the calling client or tool
 * @param requestId correlation id, if the caller has one
 * @param clientAddress the caller's network address, if known
 * @param anonymous whether the caller proved nothing about itself (the hosted login page's visitors): the lockout
 *     then counts its failures per user id and {@link ClientNetwork}, so a stranger cannot lock other people out;
 *     a trusted caller's (an API key's, the command line's) count per user id
 * @param caller to whom active-liveness challenges are issued, and who alone may answer them: the actor, or for the
 *     hosted login page the actor and the visitor's browser session, so that one visitor can neither evict nor
 *     answer another's open challenge (the open challenges of a user id are capped per caller)
 */
public record RequestContext(
    String actor, Optional<String> requestId, Optional<String> clientAddress, boolean anonymous, String caller) {
  public RequestContext {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(caller, "caller");
  }

  /** A context whose actor is also the caller of its challenges. */
  public RequestContext(String actor, Optional<String> requestId, Optional<String> clientAddress, boolean anonymous) {
    this(actor, requestId, clientAddress, anonymous, actor);
  }

  /** A request from the local command line. */
  public static RequestContext cli() {
    return new RequestContext("cli", Optional.empty(), Optional.empty(), false);
  }
}
