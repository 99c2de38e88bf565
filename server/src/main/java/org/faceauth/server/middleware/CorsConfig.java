package org.faceauth.server.middleware;

import java.util.List;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.security.ApiKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS for {@code /api/**} from the configured origins only ({@code faceauth.cors-origins}; none by default). The
 * security chain applies it before the key check, so that preflights pass and browser clients can read error bodies.
 */
@Configuration
public class CorsConfig {
  @Bean
  CorsConfigurationSource corsConfigurationSource(ServerSettings settings) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(settings.corsOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Content-Type", ApiKeys.HEADER, RequestIdFilter.HEADER));
    cors.setExposedHeaders(List.of(RequestIdFilter.HEADER, "Retry-After"));
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", cors);
    return source;
  }
}
