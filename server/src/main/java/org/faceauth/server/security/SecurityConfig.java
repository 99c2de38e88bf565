package org.faceauth.server.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.server.invitations.PublicUrl;
import org.faceauth.server.oidc.FixedIssuer;
import org.faceauth.server.oidc.SignedInCheck;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.csrf.CsrfFilter;
import java.util.Set;
import org.faceauth.server.config.ServerSettings;
import org.faceauth.server.oidc.AuthorizationErrors;
import org.faceauth.server.oidc.ProviderErrors;
import org.faceauth.server.problem.ApiErrorCode;
import org.faceauth.server.problem.ApiException;
import org.faceauth.server.problem.Problems;
import org.faceauth.store.FaceAuthSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
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
 * Who may call what, declared once and closed by default, in three chains tried in order: the OpenID Connect
 * provider's endpoints (Spring Authorization Server's own matcher and rules; a browser that is not signed in is sent
 * to the login page), the hosted login page ({@code /login/**}: a session with CSRF tokens, only the page's own
 * routes open, the rest denied), and the API (everything else): a few public routes, the app routes for app keys,
 * the enrollment page's few routes for the holder of an invitation (its secret in {@code Authorization: Invitation
 * …}), which no API key may call, and everything else (any route added later included) for admin keys only. Paths
 * are matched as Spring MVC matches them ({@link MvcRequestMatcher}), after {@link StrictHttpFirewall} has refused
 * non-canonical paths. The API chain is stateless: no sessions, no cookies, so no CSRF tokens. Rate limits run inside
 * the chain: per client address before the key is checked (slows key guessing), per key id and per invitation after.
 * The same per-address limit applies to the provider and the login page.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {
  /** The login page, where the provider sends a browser that is not signed in. */
  public static final String LOGIN_PAGE = "/login";

  /**
   * Request budgets, shared by every chain (one per client address, per API key, per invitation), and by every node
   * in PostgreSQL; in this node's memory on SQLite.
   */
  @Bean
  RateLimiter rateLimiter(FaceAuthSystem system) {
    return RateLimiter.forStore(system.database());
  }

  @Bean
  @Order(1)
  SecurityFilterChain authorizationServer(HttpSecurity http, RateLimiter limiter, ServerSettings settings,
      Problems problems, FaceAuthService service, Clock clock, PublicUrl publicUrl,
      AuthorizationServerSettings serverSettings) throws Exception {
    OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
    // Refusals in FaceAuth's format, never with the library's descriptions (see ProviderErrors).
    ProviderErrors errors = new ProviderErrors(problems, serverSettings);
    // Browsers (asking for HTML by name) go to the login page, except at the endpoints only programs call; other
    // callers are answered by ProviderErrors.
    MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> toLogin = new LinkedHashMap<>();
    toLogin.put(new AndRequestMatcher(browsers, new NegatedRequestMatcher(errors.programEndpoints())),
        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE));
    DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(toLogin);
    entryPoint.setDefaultEntryPoint(errors);
    // Only a browser's authorization request is kept for after the login (no session for other refused calls).
    HttpSessionRequestCache authorizationRequests = new HttpSessionRequestCache();
    authorizationRequests.setRequestMatcher(new AndRequestMatcher(browsers,
        PathPatternRequestMatcher.withDefaults().matcher(serverSettings.getAuthorizationEndpoint())));
    return http
        .securityMatcher(server.getEndpointsMatcher())
        .with(server, provider -> provider
            // Refusals say which OAuth 2.0 error it is (problem+json when there is no redirect URI to trust).
            .authorizationEndpoint(endpoint -> endpoint.errorResponseHandler(new AuthorizationErrors(problems)))
            .clientAuthentication(clients -> clients.errorResponseHandler(errors))
            .tokenEndpoint(endpoint -> endpoint.errorResponseHandler(errors))
            .tokenIntrospectionEndpoint(endpoint -> endpoint.errorResponseHandler(errors))
            .tokenRevocationEndpoint(endpoint -> endpoint.errorResponseHandler(errors))
            .deviceAuthorizationEndpoint(endpoint -> endpoint.errorResponseHandler(errors))
            .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                configuration -> supportedOnly(configuration)))
            // What registered clients can use: the code flow, their secret or PKCE, ES256 ID tokens.
            .oidc(oidc -> oidc
                .userInfoEndpoint(userInfo -> userInfo.errorResponseHandler(errors))
                .providerConfigurationEndpoint(metadata ->
                    metadata.providerConfigurationCustomizer(configuration -> {
                      supportedOnly(configuration);
                      configuration
                          .idTokenSigningAlgorithms(algorithms -> {
                            algorithms.clear();
                            algorithms.add(SignatureAlgorithm.ES256.getName());
                          })
                          .scopes(scopes -> scopes.add(OidcScopes.PROFILE));
                    }))))
        .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
        // The user info endpoint takes the provider's own access tokens.
        .oauth2ResourceServer(resources -> resources.jwt(Customizer.withDefaults())
            .authenticationEntryPoint(errors)
            .accessDeniedHandler(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(errors))
        .requestCache(cache -> cache.requestCache(authorizationRequests))
        .addFilterBefore(perAddress(limiter, settings, problems), SecurityContextHolderFilter.class)
        // The issuer is the public URL (else http://localhost:<port>), never the request's Host header.
        .addFilterBefore(new FixedIssuer(publicUrl::base, serverSettings), CsrfFilter.class)
        // A signed-in person whose account was erased or disabled, or whose face check is too old, signs in again.
        .addFilterAfter(new SignedInCheck(service, settings.oidc().sessionMaxAge(), clock),
            SecurityContextHolderFilter.class)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain loginPage(HttpSecurity http, HandlerMappingIntrospector introspector, RateLimiter limiter,
      ServerSettings settings, Problems problems) throws Exception {
    MvcRequestMatcher.Builder mvc = new MvcRequestMatcher.Builder(introspector);
    ProblemRefusals refusals = new ProblemRefusals(problems, new KnownRoutes(introspector));
    return http
        .securityMatcher(new OrRequestMatcher(mvc.pattern(LOGIN_PAGE), mvc.pattern(LOGIN_PAGE + "/**")))
        .authorizeHttpRequests(rules -> rules
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            // The page and its files; what it calls needs the session's CSRF token and a pending authorization.
            .requestMatchers(
                mvc.pattern(HttpMethod.GET, LOGIN_PAGE),
                mvc.pattern(HttpMethod.GET, LOGIN_PAGE + "/login.js"),
                mvc.pattern(HttpMethod.GET, LOGIN_PAGE + "/login.css"),
                mvc.pattern(HttpMethod.GET, LOGIN_PAGE + "/session"),
                mvc.pattern(HttpMethod.POST, LOGIN_PAGE + "/frame"),
                mvc.pattern(HttpMethod.POST, LOGIN_PAGE + "/challenge"),
                mvc.pattern(HttpMethod.POST, LOGIN_PAGE + "/answer"),
                mvc.pattern(HttpMethod.POST, LOGIN_PAGE + "/cancel")).permitAll()
            .anyRequest().denyAll())
        .addFilterBefore(perAddress(limiter, settings, problems), SecurityContextHolderFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(refusals)
            .accessDeniedHandler((request, response, denied) -> {
              if (denied instanceof CsrfException) {
                problems.write(Problems.Problem.of(new ApiException(ApiErrorCode.CSRF_REFUSED,
                    ApiErrorCode.CSRF_REFUSED.sentence())), request, response);
              } else {
                refusals.handle(request, response, denied);
              }
            }))
        // The saved authorization request must survive the page's own requests.
        .requestCache(cache -> cache.disable())
        .headers(headers -> headers.disable())
        .logout(logout -> logout.disable())
        .build();
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
                // Browsers ask for it on every page; there is none, so it is a public 404, not a 401.
                mvc.pattern(HttpMethod.GET, "/favicon.ico"),
                // The admin console's files; everything it calls needs an admin key.
                mvc.pattern(HttpMethod.GET, "/admin"),
                mvc.pattern(HttpMethod.GET, "/admin/"),
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
        .addFilterAfter(perAddress(limiter, settings, problems), CorsFilter.class)
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

  /**
   * What both metadata documents ({@code /.well-known/openid-configuration} and {@code
   * /.well-known/oauth-authorization-server}) advertise: the code flow only; a client's secret ({@code
   * client_secret_basic}, {@code client_secret_post}) or none (a public client with PKCE), which are the only methods
   * a client can be registered with, at the token, revocation and introspection endpoints; no DPoP, no
   * certificate-bound tokens (neither is configured) and no device flow.
   */
  private static void supportedOnly(OAuth2AuthorizationServerMetadata.Builder metadata) {
    metadata.grantTypes(SecurityConfig::codeFlowOnly)
        .tokenEndpointAuthenticationMethods(SecurityConfig::registrableMethodsOnly)
        .tokenRevocationEndpointAuthenticationMethods(SecurityConfig::registrableMethodsOnly)
        .tokenIntrospectionEndpointAuthenticationMethods(SecurityConfig::registrableMethodsOnly)
        .claims(SecurityConfig::withoutUnconfiguredFeatures);
  }

  private static void supportedOnly(OidcProviderConfiguration.Builder metadata) {
    metadata.grantTypes(SecurityConfig::codeFlowOnly)
        .tokenEndpointAuthenticationMethods(SecurityConfig::registrableMethodsOnly)
        .tokenRevocationEndpointAuthenticationMethods(SecurityConfig::registrableMethodsOnly)
        .tokenIntrospectionEndpointAuthenticationMethods(SecurityConfig::registrableMethodsOnly)
        .claims(SecurityConfig::withoutUnconfiguredFeatures);
  }

  private static void codeFlowOnly(List<String> grants) {
    grants.clear();
    grants.add(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
  }

  private static void registrableMethodsOnly(List<String> methods) {
    methods.clear();
    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
    methods.add(ClientAuthenticationMethod.NONE.getValue());
  }

  private static void withoutUnconfiguredFeatures(Map<String, Object> claims) {
    claims.remove("dpop_signing_alg_values_supported");
    claims.remove("tls_client_certificate_bound_access_tokens");
    claims.remove("device_authorization_endpoint");
  }

  private static RateLimitFilter perAddress(RateLimiter limiter, ServerSettings settings, Problems problems) {
    return new RateLimitFilter("address", request -> Optional.ofNullable(request.getRemoteAddr()),
        settings.rateLimit().perAddressPerMinute(), limiter, problems);
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
