package org.faceauth.core.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, for the audit log.
 *
 * @param actor the calling client or tool
 * @param requestId correlation id, if the caller has one
 * @param clientAddress the caller's network address, if known
 */
public record RequestContext(String actor, Optional<String> requestId, Optional<String> clientAddress) {
  public RequestContext {
    Objects.requireNonNull(actor, "actor");
  }

  /** A request from the local command line. */
  public static RequestContext cli() {
    return new RequestContext("cli", Optional.empty(), Optional.empty());
  }
}
