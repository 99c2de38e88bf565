package org.faceauth.server.security;

import jakarta.servlet.DispatcherType;
import java.util.Optional;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.problem.Problems;
import org.faceauth.store.FaceAuthSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.MvcRequestMatcher;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Who may call what, declared once and closed by default: a few public routes, the app routes for app keys, and
 * everything else (any route added later included) for admin keys only; the enrollment page's few routes for the
 * holder of an invitation (its secret in {@code Authorization: Invitation …}), which no API key may call. Paths are
 * matched as Spring MVC matches them ({@link MvcRequestMatcher}), after {@link StrictHttpFirewall} has refused
 * non-canonical paths. Stateless: no sessions, no cookies, so no CSRF tokens. Rate limits run inside the chain: per
 * client address before the key is checked (slows key guessing), per key id and per invitation after.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {
  /** The rate limits' buckets: shared by every node in PostgreSQL, in this node's memory on SQLite. */
  @Bean
  RateLimiter rateLimiter(FaceAuthSystem system) {
    return RateLimiter.forStore(system.database());
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, HandlerMappingIntrospector introspector,
      ApiKeyAuthenticationProvider provider, InvitationAuthenticationProvider invitationProvider,
      CorsConfigurationSource corsConfigurationSource, ServerSettings settings, Problems problems, RateLimiter limiter)
      throws Exception {
    MvcRequestMatcher.Builder mvc = new MvcRequestMatcher.Builder(introspector);
    ProblemRefusals refusals = new ProblemRefusals(problems, new KnownRoutes(introspector));
    CorsFilter cors = new CorsFilter(corsConfigurationSource);
    cors.setCorsProcessor(new ProblemCorsProcessor(problems));

    AuthenticationFilter apiKeys = new AuthenticationFilter(new ProviderManager(provider),
        new ApiKeyAuthenticationConverter());
    // A known key lets the request go on down the chain (the default handler would redirect).
    apiKeys.setSuccessHandler((request, response, authentication) -> { });
    apiKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));
    // The enrollment page holds an invitation's secret, never an API key: its own scheme, provider and role.
    InvitationAuthenticationFilter invitations = new InvitationAuthenticationFilter(invitationProvider, refusals);

    return http
        .authorizeHttpRequests(rules -> rules
            // The error page only renders the failure of a request that was already judged.
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(
                mvc.pattern(HttpMethod.GET, "/api/v1/health"),
                mvc.pattern(HttpMethod.GET, "/api/v1/auth/jwks.json"),
                mvc.pattern(HttpMethod.GET, "/"),
                mvc.pattern(HttpMethod.GET, "/index.html"),
                mvc.pattern(HttpMethod.GET, "/app.css"),
                mvc.pattern(HttpMethod.GET, "/app.js"),
                // The admin console's files; everything it calls needs an admin key.
                mvc.pattern(HttpMethod.GET, "/admin"),
                mvc.pattern(HttpMethod.GET, "/admin/index.html"),
                mvc.pattern(HttpMethod.GET, "/admin/admin.css"),
                mvc.pattern(HttpMethod.GET, "/admin/admin.js"),
                // The enrollment page's files; everything it calls needs an invitation.
                mvc.pattern(HttpMethod.GET, "/enroll"),
                mvc.pattern(HttpMethod.GET, "/enroll/index.html"),
                mvc.pattern(HttpMethod.GET, "/enroll/enroll.css"),
                mvc.pattern(HttpMethod.GET, "/enroll/enroll.js"),
                mvc.pattern(HttpMethod.GET, "/v3/api-docs"),
                mvc.pattern(HttpMethod.GET, "/v3/api-docs/**"),
                mvc.pattern(HttpMethod.GET, "/swagger-ui.html"),
                mvc.pattern(HttpMethod.GET, "/swagger-ui/**"),
                mvc.pattern(HttpMethod.GET, "/actuator/health"),
                mvc.pattern(HttpMethod.GET, "/actuator/health/**")).permitAll()
            .requestMatchers(
                mvc.pattern(HttpMethod.POST, "/api/v1/auth/verify"),
                mvc.pattern(HttpMethod.POST, "/api/v1/auth/challenge"),
                mvc.pattern(HttpMethod.POST, "/api/v1/auth/identify"),
                mvc.pattern(HttpMethod.POST, "/api/v1/faces/detect"),
                mvc.pattern(HttpMethod.POST, "/api/v1/faces/crop")).hasRole(Roles.APP)
            // An invitation's holder: its own invitation's routes only (no API key has this role).
            .requestMatchers(
                mvc.pattern(HttpMethod.GET, "/api/v1/invitation"),
                mvc.pattern(HttpMethod.POST, "/api/v1/invitation/consent"),
                mvc.pattern(HttpMethod.POST, "/api/v1/invitation/check"),
                mvc.pattern(HttpMethod.POST, "/api/v1/invitation/enroll")).hasRole(Roles.INVITEE)
            .anyRequest().hasRole(Roles.ADMIN))
        // In this order: CORS, the limit per address, the API key, the limit per key, the invitation, the limit per
        // invitation; authorization comes last.
        .addFilterAt(cors, CorsFilter.class)
        .addFilterAfter(new RateLimitFilter("address", request -> Optional.ofNullable(request.getRemoteAddr()),
            settings.rateLimit().perAddressPerMinute(), limiter, problems), CorsFilter.class)
        .addFilterAfter(apiKeys, RateLimitFilter.class)
        .addFilterAfter(new RateLimitFilter("key", ApiKeys::keyId,
            settings.rateLimit().perKeyPerMinute(), limiter, problems), AuthenticationFilter.class)
        .addFilterAfter(invitations, AuthenticationFilter.class)
        .addFilterAfter(new RateLimitFilter("invitation",
            request -> InvitationAuthentication.of(request).map(invitation -> invitation.id()),
            settings.invitations().perMinute(), limiter, problems), InvitationAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.disable())
        .build();
  }

  /** Spring Security's default firewall, stated: no ';', encoded '/', '\', '%' or '.', '//' or dot segments. */
  @Bean
  HttpFirewall firewall() {
    return new StrictHttpFirewall();
  }

  @Bean
  RequestRejectedHandler requestRejectedHandler(Problems problems, HandlerMappingIntrospector introspector) {
    return new ProblemRefusals(problems, new KnownRoutes(introspector));
  }
}
