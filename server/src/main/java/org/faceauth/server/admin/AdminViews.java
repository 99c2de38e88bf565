package org.faceauth.server.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.faceauth.core.audit.AuditEvent;
import org.faceauth.core.user.User;
import org.faceauth.core.user.UserSummary;
import org.faceauth.store.keys.ApiKey;
import org.faceauth.store.keys.ApiKeyStore;

/** The bodies of the admin API, as records (one per concept). */
public final class AdminViews {
  private AdminViews() {}

  /** A user as operators see them. */
  @Schema(name = "AdminUser")
  public record UserView(
      String userId, String displayName, String email, String consentAt, String status, int templates,
      Double meanQuality, String lastVerifiedAt, boolean locked, String lockedUntil, String createdAt,
      String updatedAt) {
    static UserView of(UserSummary summary) {
      User user = summary.user();
      return new UserView(
          user.id().value(), user.profile().displayName().orElse(null), user.profile().email().orElse(null),
          user.profile().consentAt().map(Instant::toString).orElse(null),
          user.status().name().toLowerCase(Locale.ROOT), user.templates(),
          summary.meanQuality().map(q -> Math.round(q * 1000) / 1000.0).orElse(null),
          summary.lastVerifiedAt().map(Instant::toString).orElse(null), summary.locked(),
          summary.lockedUntil().map(Instant::toString).orElse(null), user.createdAt().toString(),
          user.updatedAt().toString());
    }
  }

  /** One page of users. */
  @Schema(name = "AdminUserList")
  public record UserList(List<UserView> items, int page, int size, long total) {}

  /** An API key without its secret. */
  @Schema(name = "ApiKey")
  public record KeyView(String id, String name, String role, String createdAt, String revokedAt, boolean active) {
    static KeyView of(ApiKey key) {
      return new KeyView(key.id(), key.name(), key.role().name().toLowerCase(Locale.ROOT),
          key.createdAt().toString(), key.revokedAt().map(Instant::toString).orElse(null), key.active());
    }
  }

  /** Every API key. */
  @Schema(name = "ApiKeyList")
  public record KeyList(List<KeyView> items) {}

  /** A key just made: the secret is in this answer only, never again. */
  @Schema(name = "IssuedApiKey")
  public record IssuedKeyView(KeyView key, String secret) {
    static IssuedKeyView of(ApiKeyStore.IssuedKey issued) {
      return new IssuedKeyView(KeyView.of(issued.key()), issued.secret());
    }
  }

  /** The body of {@code POST /api/v1/admin/keys}. */
  @Schema(name = "CreateApiKey")
  public record CreateKey(
      @Schema(description = "what the key is for", maxLength = 100) String name,
      @Schema(description = "app or admin", allowableValues = {"app", "admin"}) String role) {}

  /** One audit event. */
  @Schema(name = "AuditEvent")
  public record EventView(
      String at, String actor, String action, String subject, String relatedSubject, String outcome, Double score,
      String requestId, String clientAddress) {
    static EventView of(AuditEvent event) {
      return new EventView(event.at().toString(), event.actor(), event.action().name().toLowerCase(Locale.ROOT),
          event.subject().orElse(null), event.relatedSubject().orElse(null), event.outcome(),
          event.score().orElse(null), event.requestId().orElse(null), event.clientAddress().orElse(null));
    }
  }

  /** One page of audit events, newest first. */
  @Schema(name = "AuditEventList")
  public record EventList(List<EventView> items, int page, int size, long total) {}

  /** The dashboard's figures, from this node's metrics and the database. */
  @Schema(name = "AdminDashboard")
  public record Dashboard(
      @Schema(description = "verifications counted since the server started, by outcome")
      List<OutcomeCount> verifications,
      @Schema(description = "verifications per minute since the server started, by outcome")
      List<OutcomeRate> perMinute,
      @Schema(description = "95th percentile of a verification's total time in ms over the last minutes; null when "
          + "none was timed in them")
      Double p95Millis,
      @Schema(description = "share of verifications refused as spoofs, 0 to 1") double spoofRate,
      @Schema(description = "users whose verification is locked now") long lockedUsers,
      @Schema(description = "seconds since the server started") long uptimeSeconds) {}

  /** How many verifications ended with one outcome. */
  public record OutcomeCount(String outcome, long count) {}

  /** Verifications per minute ending with one outcome. */
  public record OutcomeRate(String outcome, double perMinute) {}
}
