package org.faceauth.server.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the authorizations whose code and tokens have all expired (Spring Authorization Server keeps them
 * otherwise): every 10 minutes, on every node (the delete is idempotent). Login sessions are cleaned by Spring
 * Session itself.
 */
@Component
public class ExpiredAuthorizations {
  private static final String DELETE = "DELETE FROM oauth2_authorization"
      + " WHERE (authorization_code_expires_at IS NOT NULL OR access_token_expires_at IS NOT NULL)"
      + " AND (authorization_code_expires_at IS NULL OR authorization_code_expires_at < ?)"
      + " AND (access_token_expires_at IS NULL OR access_token_expires_at < ?)"
      + " AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < ?)"
      + " AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < ?)";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ExpiredAuthorizations(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  /** Deletes them now; returns how many. */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
  public int purge() {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.update(DELETE, now, now, now, now);
  }
}
