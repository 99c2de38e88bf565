package org.faceauth.server.oidc;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person signed in on the hosted login page by their face: who ({@code sub} of the ID token), by which methods
 * ({@code amr}, RFC 8176: {@code face}, {@code liveness} when the passive check decided, {@code user} when the
 * head-turn challenge was followed), the assurance level that sums them up ({@code acr}) and when ({@code auth_time}).
 * Kept in the login session and, as the principal of an authorization, in the database as JSON (Spring Authorization
 * Server's allowlisted Jackson: the annotations below make this class allowed), so any node can finish the login.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE,
    setterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(value = {"authorities", "details", "authenticated"}, ignoreUnknown = true)
public final class FaceLogin extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  /** The authority of a person signed in by face (never an API key's role). */
  public static final String AUTHORITY = "FACE_LOGIN";

  /** {@code acr} of a login with the face, the passive liveness check and the head-turn challenge. */
  public static final String ACR_CHALLENGE = "urn:faceauth:acr:face-liveness-challenge";

  /** {@code acr} of a login with the face and the passive liveness check only. */
  public static final String ACR_PASSIVE = "urn:faceauth:acr:face-liveness";

  /** {@code acr} of a login with the face alone (liveness switched off by the operator). */
  public static final String ACR_FACE = "urn:faceauth:acr:face";

  private final String userId;
  private final String methods;
  private final long authTime;

  @JsonCreator
  FaceLogin(
      @JsonProperty("userId") String userId,
      @JsonProperty("methods") String methods,
      @JsonProperty("authTime") long authTime) {
    super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
    this.userId = userId;
    this.methods = methods;
    this.authTime = authTime;
    setAuthenticated(true);
  }

  /** A login of {@code userId} at {@code at}; {@code liveness} and {@code challenge}: which checks decided it. */
  public static FaceLogin of(String userId, boolean liveness, boolean challenge, Instant at) {
    List<String> amr = new ArrayList<>(List.of("face"));
    if (liveness) {
      amr.add("liveness");
    }
    if (challenge) {
      amr.add("user");
    }
    return new FaceLogin(userId, String.join(" ", amr), at.getEpochSecond());
  }

  /** The authentication methods, RFC 8176 style. */
  public List<String> amr() {
    return Arrays.asList(methods.split(" "));
  }

  /** The authentication context class reference. */
  public String acr() {
    List<String> amr = amr();
    if (amr.contains("user")) {
      return ACR_CHALLENGE;
    }
    return amr.contains("liveness") ? ACR_PASSIVE : ACR_FACE;
  }

  /** When the face check accepted the person (seconds since the epoch). */
  public long authTime() {
    return authTime;
  }

  @Override
  public Object getPrincipal() {
    return userId;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public String getName() {
    return userId;
  }
}
