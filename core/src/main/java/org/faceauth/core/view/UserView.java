package org.faceauth.core.view;

import java.time.Instant;
import java.util.Locale;
import org.faceauth.core.user.User;

/**
 * A user as printed: id, profile, status ({@code active} or {@code disabled}), number of templates, timestamps
 * (ISO-8601). Absent profile fields are null.
 */
public record UserView(
    String userId, String displayName, String email, String consentAt, String status, int templates, String createdAt,
    String updatedAt) {
  public static UserView of(User user) {
    return new UserView(
        user.id().value(),
        user.profile().displayName().orElse(null),
        user.profile().email().orElse(null),
        user.profile().consentAt().map(Instant::toString).orElse(null),
        user.status().name().toLowerCase(Locale.ROOT),
        user.templates(),
        user.createdAt().toString(),
        user.updatedAt().toString());
  }
}
