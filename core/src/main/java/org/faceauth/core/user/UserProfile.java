package org.faceauth.core.user;

import java.time.Instant;
import java.util.Optional;

/**
 * What a person tells us about themselves at enrollment; none of it is biometric.
 *
 * @param displayName a name to show, if given
 * @param email a contact address, if given
 * @param consentAt when the person consented to the processing of their face, if recorded
 */
public record UserProfile(Optional<String> displayName, Optional<String> email, Optional<Instant> consentAt) {
  public static final UserProfile EMPTY = new UserProfile(Optional.empty(), Optional.empty(), Optional.empty());

  public UserProfile {
    displayName = displayName.map(String::strip).filter(s -> !s.isEmpty());
    email = email.map(String::strip).filter(s -> !s.isEmpty());
  }
}
