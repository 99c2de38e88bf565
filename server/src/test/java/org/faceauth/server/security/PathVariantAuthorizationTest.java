package org.faceauth.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.faceauth.server.testing.Api;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.RawHttp;
import org.faceauth.server.testing.RawHttp.Body;
import org.faceauth.server.testing.RawHttp.Reply;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every way of spelling its path × {no key, app key, admin key, an invitation}: a caller never gets
 * more than its role allows (an invitation opens its enrollment page's routes only, and no key opens them), however the path is written (path parameters, percent-encoded letters and slashes, double encoding, dot
 * segments, case, doubled and trailing slashes, backslashes, detours through a public route). Requests go over a raw
 * socket, so nothing normalises the path on the way. The table must list every route the controllers map.
 */
@TestPropertySource(properties = {
    "faceauth.rate-limit.per-address-per-minute=100000", "faceauth.rate-limit.per-key-per-minute=100000"})
class PathVariantAuthorizationTest extends ServerTest {
  private static final String VICTIM = "matrix-victim";
  private static final String OWN = "matrix-own";

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  /**
   * Who may call a route: the public, app keys, admin keys, or the holder of an enrollment invitation. SESSION: the
   * hosted login page's calls, which no key opens: they need the login session's CSRF token (and a pending
   * authorization), so every caller here is refused.
   */
  enum Level { PUBLIC, APP, ADMIN, INVITATION, SESSION }

  /** The callers: keys weakest first, then an invitation's holder, who may call public and invitation routes only. */
  enum Caller {
    NO_KEY(Level.PUBLIC), APP_KEY(Level.APP), ADMIN_KEY(Level.ADMIN), INVITATION(Level.INVITATION);

    final Level level;

    Caller(Level level) {
      this.level = level;
    }

    boolean mayCall(Level required) {
      if (this == INVITATION || required == Level.INVITATION) {
        return required == Level.PUBLIC || required == level;
      }
      return level.compareTo(required) >= 0;
    }
  }

  /**
   * One row of the table: a route as the controllers map it, its level, and a request that would succeed on user
   * {@code id}: the path (with {@code {id}}) and the body.
   */
  record Route(String method, String pattern, Level level, String path, Function<String, Body> body) {
    String mapping() {
      return method + " " + pattern;
    }

    String pathFor(String id) {
      return path.replace("{id}", id);
    }
  }

  private static final Function<String, Body> NONE = id -> null;

  private static Function<String, Body> image(boolean claimed) {
    return id -> {
      List<Part> parts = new ArrayList<>();
      if (claimed) {
        parts.add(Part.field("userId", id));
      }
      parts.add(Part.file("image", face()));
      return Body.multipart(parts);
    };
  }

  private static Path face() {
    return photo("test/known_faces/Abel_Pacheco_1.jpg");
  }

  /** Every route of the API, with the level the documentation promises. */
  static List<Route> table() {
    return List.of(
        new Route("GET", "/api/v1/health", Level.PUBLIC, "/api/v1/health", NONE),
        new Route("GET", "/api/v1/auth/jwks.json", Level.PUBLIC, "/api/v1/auth/jwks.json", NONE),
        new Route("POST", "/api/v1/auth/verify", Level.APP, "/api/v1/auth/verify", image(true)),
        new Route("POST", "/api/v1/auth/challenge", Level.APP, "/api/v1/auth/challenge",
            id -> Body.json(Map.of("userId", id))),
        new Route("POST", "/api/v1/auth/identify", Level.APP, "/api/v1/auth/identify", image(false)),
        new Route("POST", "/api/v1/faces/detect", Level.APP, "/api/v1/faces/detect", image(false)),
        new Route("POST", "/api/v1/faces/crop", Level.APP, "/api/v1/faces/crop", image(false)),
        new Route("GET", "/api/v1/users", Level.ADMIN, "/api/v1/users", NONE),
        new Route("POST", "/api/v1/users", Level.ADMIN, "/api/v1/users", id -> Body.json(Map.of("userId", id + "-new"))),
        new Route("GET", "/api/v1/users/{id}", Level.ADMIN, "/api/v1/users/{id}", NONE),
        new Route("DELETE", "/api/v1/users/{id}", Level.ADMIN, "/api/v1/users/{id}", NONE),
        new Route("POST", "/api/v1/users/{id}/faces", Level.ADMIN, "/api/v1/users/{id}/faces?replace=true",
            id -> Body.multipart(List.of(Part.file("images", photo("users/Akhmed_Zakayev/1.jpg"))))),
        new Route("POST", "/api/v1/users/{id}/unlock", Level.ADMIN, "/api/v1/users/{id}/unlock", NONE),
        new Route("GET", "/api/v1/admin/users", Level.ADMIN, "/api/v1/admin/users?q=matrix&locked=false", NONE),
        new Route("GET", "/api/v1/admin/users/{id}", Level.ADMIN, "/api/v1/admin/users/{id}", NONE),
        new Route("POST", "/api/v1/admin/users/{id}/disable", Level.ADMIN, "/api/v1/admin/users/{id}/disable", NONE),
        new Route("POST", "/api/v1/admin/users/{id}/enable", Level.ADMIN, "/api/v1/admin/users/{id}/enable", NONE),
        new Route("GET", "/api/v1/admin/keys", Level.ADMIN, "/api/v1/admin/keys", NONE),
        new Route("POST", "/api/v1/admin/keys", Level.ADMIN, "/api/v1/admin/keys",
            id -> Body.json(Map.of("name", "matrix " + id, "role", "app"))),
        new Route("DELETE", "/api/v1/admin/keys/{id}", Level.ADMIN, "/api/v1/admin/keys/{id}", NONE),
        new Route("POST", "/api/v1/admin/keys/{id}/rotate", Level.ADMIN, "/api/v1/admin/keys/{id}/rotate", NONE),
        new Route("GET", "/api/v1/admin/audit", Level.ADMIN, "/api/v1/admin/audit?user={id}", NONE),
        new Route("GET", "/api/v1/admin/audit/export", Level.ADMIN, "/api/v1/admin/audit/export?user={id}", NONE),
        new Route("GET", "/api/v1/admin/dashboard", Level.ADMIN, "/api/v1/admin/dashboard", NONE),
        new Route("GET", "/api/v1/admin/invitations", Level.ADMIN, "/api/v1/admin/invitations", NONE),
        new Route("POST", "/api/v1/admin/invitations", Level.ADMIN, "/api/v1/admin/invitations",
            id -> Body.json(Map.of("userId", id + "-invited"))),
        new Route("DELETE", "/api/v1/admin/invitations/{id}", Level.ADMIN, "/api/v1/admin/invitations/{id}", NONE),
        new Route("GET", "/api/v1/invitation", Level.INVITATION, "/api/v1/invitation", NONE),
        new Route("POST", "/api/v1/invitation/consent", Level.INVITATION, "/api/v1/invitation/consent",
            id -> Body.json(Map.of("consent", true))),
        new Route("POST", "/api/v1/invitation/check", Level.INVITATION, "/api/v1/invitation/check",
            id -> Body.json(Map.of("image", Api.base64(photo("users/Tommy_Thompson/1.jpg"))))),
        new Route("POST", "/api/v1/invitation/enroll", Level.INVITATION, "/api/v1/invitation/enroll",
            id -> Body.json(Map.of("consent", true, "frames", List.of(
                Api.base64(photo("users/Tommy_Thompson/1.jpg")), Api.base64(photo("users/Tommy_Thompson/2.jpg")),
                Api.base64(photo("users/Tommy_Thompson/3.jpg")))))),
        new Route("GET", "/api/v1/admin/clients", Level.ADMIN, "/api/v1/admin/clients", NONE),
        new Route("POST", "/api/v1/admin/clients", Level.ADMIN, "/api/v1/admin/clients", id -> Body.json(Map.of(
            "name", id, "type", "public", "redirectUris", List.of("https://app.example.org/cb")))),
        new Route("GET", "/api/v1/admin/clients/{clientId}", Level.ADMIN, "/api/v1/admin/clients/{id}", NONE),
        new Route("DELETE", "/api/v1/admin/clients/{clientId}", Level.ADMIN, "/api/v1/admin/clients/{id}", NONE),
        new Route("GET", "/login", Level.PUBLIC, "/login", NONE),
        new Route("GET", "/login/session", Level.PUBLIC, "/login/session", NONE),
        new Route("POST", "/login/frame", Level.SESSION, "/login/frame",
            id -> Body.multipart(List.of(Part.file("frame", face())))),
        new Route("POST", "/login/challenge", Level.SESSION, "/login/challenge", id -> Body.json(Map.of("userId", id))),
        new Route("POST", "/login/answer", Level.SESSION, "/login/answer",
            id -> Body.multipart(List.of(Part.file("frames", face())))),
        new Route("POST", "/login/cancel", Level.SESSION, "/login/cancel", NONE),
        new Route("*", "/error", Level.ADMIN, "/error", NONE));
  }

  /** The ways of writing {@code path} that a perimeter deciding on raw strings would get wrong. */
  static Set<String> variants(String path) {
    int query = path.indexOf('?');
    String q = query < 0 ? "" : path.substring(query);
    String p = query < 0 ? path : path.substring(0, query);
    String[] segments = p.substring(1).split("/");
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < segments.length; i++) {
      out.add(with(segments, i, segments[i] + ";") + q);
      out.add(with(segments, i, segments[i] + ";x=1") + q);
      out.add(with(segments, i, segments[i] + "%3B") + q);
      out.add(with(segments, i, encodeFirstLetter(segments[i], "%%%02X")) + q);
      out.add(with(segments, i, encodeFirstLetter(segments[i], "%%%02x")) + q);
      out.add(with(segments, i, encodeFirstLetter(segments[i], "%%25%02X")) + q);
      out.add(with(segments, i, segments[i].toUpperCase(Locale.ROOT)) + q);
      out.add(with(segments, i, "." + "/" + segments[i]) + q);
      out.add(with(segments, i, "x/../" + segments[i]) + q);
      out.add(with(segments, i, "%2e/" + segments[i]) + q);
      out.add(with(segments, i, "/" + segments[i]) + q);
      if (i > 0) {
        out.add(joinedWith(segments, i, "%2F") + q);
        out.add(joinedWith(segments, i, "%2f") + q);
        out.add(joinedWith(segments, i, "%252F") + q);
        out.add(joinedWith(segments, i, "\\") + q);
        out.add(joinedWith(segments, i, "%5C") + q);
      }
    }
    out.add(p.toUpperCase(Locale.ROOT) + q);
    out.add(p + "/" + q);
    out.add(p + "//" + q);
    out.add(p + "/." + q);
    out.add("/" + p + q);
    out.add(p.replace("/", "//") + q);
    if (p.startsWith("/api/v1/")) {
      out.add("/api/v1/health/.." + p.substring("/api/v1".length()) + q);
      out.add("/api/v1/auth/jwks.json/../.." + p.substring("/api/v1".length()) + q);
    }
    out.add("/api/v1/health;/../.." + p + q);
    out.add("/api/v1/auth/jwks.json;" + p + q);
    out.add("/swagger-ui/..;" + p + q);
    out.add("/actuator/health/../.." + p + q);
    out.remove(path);
    return out;
  }

  private static String with(String[] segments, int index, String replacement) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      b.append('/').append(i == index ? replacement : segments[i]);
    }
    return b.toString();
  }

  private static String joinedWith(String[] segments, int index, String separator) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      b.append(i == index ? separator : "/").append(segments[i]);
    }
    return b.toString();
  }

  private static String encodeFirstLetter(String segment, String format) {
    for (int i = 0; i < segment.length(); i++) {
      if (Character.isLetter(segment.charAt(i))) {
        return segment.substring(0, i) + String.format(format, (int) segment.charAt(i)) + segment.substring(i + 1);
      }
    }
    return segment;
  }

  private String key(Caller caller) {
    return switch (caller) {
      case NO_KEY, INVITATION -> null;
      case APP_KEY -> appKey;
      case ADMIN_KEY -> ADMIN_KEY;
    };
  }

  /** The request's credentials: an API key, or an invitation's secret (made on first use, for {@code user}). */
  private Reply send(RawHttp http, Caller caller, String method, String path, Body body, String user) {
    if (caller != Caller.INVITATION) {
      return http.send(method, path, key(caller), body);
    }
    return http.send(method, path, "Authorization", "Invitation " + invitation(user), body);
  }

  private final Map<String, String> invitations = new ConcurrentHashMap<>();

  /** A pending invitation's secret for {@code user}, with consent recorded (as the page does first). */
  private String invitation(String user) {
    return invitations.computeIfAbsent(user, u -> {
      Answer created = api.postJson("/api/v1/admin/invitations", ADMIN_KEY, Map.of("userId", u));
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      String url = created.json().get("url").asText();
      String secret = url.substring(url.indexOf('#') + 1);
      assertThat(api.postJson("/api/v1/invitation/consent", null, Map.of("consent", true),
          "Authorization", "Invitation " + secret).status()).isEqualTo(200);
      return secret;
    });
  }

  @Test
  void theTableListsEveryRouteTheControllersMap() {
    Set<String> mapped = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
      String handler = entry.getValue().toString();
      if (!handler.startsWith("org.faceauth.")) {
        continue;
      }
      RequestMappingInfo info = entry.getKey();
      Set<String> methods = info.getMethodsCondition().getMethods().isEmpty()
          ? Set.of("*")
          : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
      for (String pattern : info.getPatternValues()) {
        methods.forEach(m -> mapped.add(m + " " + pattern));
      }
    }
    Set<String> listed = new TreeSet<>(table().stream().map(Route::mapping).toList());
    assertThat(listed).as("add new routes to table() with the level they need").isEqualTo(mapped);
  }

  @TestFactory
  Stream<DynamicTest> noSpellingOfAPathGivesAKeyMoreThanItsRole() {
    RawHttp http = new RawHttp(port);
    List<DynamicTest> tests = new ArrayList<>();
    String[] before = new String[2];
    tests.add(DynamicTest.dynamicTest("set up the victim", () -> {
      assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", VICTIM, "consent", true)).status())
          .isEqualTo(201);
      assertThat(api.postMultipart("/api/v1/users/" + VICTIM + "/faces", ADMIN_KEY,
          List.of(Part.file("images", photo("users/Abel_Pacheco/1.jpg")))).status()).isEqualTo(201);
      before[0] = users();
      before[1] = api.get("/api/v1/admin/keys", ADMIN_KEY).text();
    }));
    for (Route route : table()) {
      for (Caller caller : Caller.values()) {
        if (caller.mayCall(route.level())) {
          continue;
        }
        Set<String> paths = new LinkedHashSet<>();
        paths.add(route.pathFor(VICTIM));
        paths.addAll(variants(route.pathFor(VICTIM)));
        for (String path : paths) {
          String method = route.method().equals("*") ? "GET" : route.method();
          tests.add(DynamicTest.dynamicTest(caller + " " + method + " " + path, () -> {
            Reply reply = send(http, caller, method, path, route.body().apply(VICTIM), VICTIM + "-invited");
            assertThat(reply.status()).as(reply.text()).isBetween(400, 499);
            assertThat(reply.header("Content-Type")).as(reply.text()).startsWith("application/problem+json");
            assertThat(reply.json().get("code").asText()).isNotBlank();
            assertThat(reply.json().get("requestId").asText()).isEqualTo(reply.header("X-Request-Id"));
          }));
        }
      }
    }
    tests.add(DynamicTest.dynamicTest("nothing changed: no user made, erased, re-enrolled or disabled, no key", () -> {
      assertThat(users()).isEqualTo(before[0]);
      assertThat(api.get("/api/v1/admin/keys", ADMIN_KEY).text()).isEqualTo(before[1]);
      assertThat(api.get("/api/v1/users/" + VICTIM + "-new", ADMIN_KEY).status()).isEqualTo(404);
    }));
    return tests.stream();
  }

  @Test
  void everyRouteIsOpenToTheKeysThatMayCallIt() {
    RawHttp http = new RawHttp(port);
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", OWN, "consent", true)).status())
        .isEqualTo(201);
    for (Route route : table()) {
      if (route.method().equals("*")) {
        continue;
      }
      for (Caller caller : Caller.values()) {
        if (!caller.mayCall(route.level())) {
          continue;
        }
        Reply reply =
            send(http, caller, route.method(), route.pathFor(OWN), route.body().apply(OWN), OWN + "-invited");
        assertThat(reply.status()).as(caller + " " + route.mapping() + ": " + reply.text()).isNotIn(401, 403);
      }
    }
  }

  @Test
  void theWebPageTheApiDocumentsAndTheProbesNeedNoKey() {
    RawHttp http = new RawHttp(port);
    for (String path : List.of("/", "/index.html", "/app.css", "/v3/api-docs", "/swagger-ui/index.html",
        "/actuator/health", "/actuator/health/liveness", "/admin", "/admin/index.html", "/admin/admin.js",
        "/admin/admin.css", "/enroll", "/enroll/index.html", "/enroll/enroll.js", "/enroll/enroll.css", "/login",
        "/login/login.js", "/login/login.css", "/.well-known/openid-configuration", "/oauth2/jwks")) {
      assertThat(http.send("GET", path, null, null).status()).as(path).isEqualTo(200);
    }
    assertThat(http.send("GET", "/actuator/prometheus", null, null).status())
        .as("metrics show outcome counts and server paths: admin only").isEqualTo(401);
    assertThat(http.send("GET", "/actuator/env", null, null).status()).isEqualTo(401);
    assertThat(http.send("POST", "/api/v1/health", null, null).status()).isEqualTo(401);
    assertThat(http.send("GET", "/app.js", null, null).status()).as("the old API-key page is gone").isEqualTo(401);
    Reply favicon = http.send("GET", "/favicon.ico", null, null);
    assertThat(favicon.status()).as("browsers ask for it on every page: public, and there is none").isEqualTo(404);
    assertThat(favicon.header("Content-Type")).startsWith("application/problem+json");
    Reply slash = http.send("GET", "/admin/", null, null);
    assertThat(slash.status()).as("the console's address with a trailing slash").isEqualTo(302);
    assertThat(slash.header("Location")).endsWith("/admin");
  }

  @Test
  void theProvidersEndpointsOpenOnlyWhatTheProtocolOpens_andTheLoginPageNothingElse() {
    RawHttp http = new RawHttp(port);
    assertThat(http.send("POST", "/oauth2/token", ADMIN_KEY, null).status())
        .as("an API key is not a client's credentials").isEqualTo(401);
    assertThat(http.send("GET", "/userinfo", ADMIN_KEY, null).status()).isEqualTo(401);
    assertThat(http.send("POST", "/oauth2/introspect", ADMIN_KEY, null).status()).isEqualTo(401);
    assertThat(http.send("GET", "/oauth2/authorize", ADMIN_KEY, null).status()).isBetween(400, 401);
    for (String path : List.of("/login/index.html", "/login/anything", "/login/../admin/admin.js")) {
      Reply reply = http.send("GET", path, ADMIN_KEY, null);
      assertThat(reply.status()).as(path).isBetween(400, 404);
      assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
    }
  }

  @Test
  void theIssuesFirstBypassListingUsersWithoutAKeyIsRefused() {
    Reply reply = new RawHttp(port).send("GET", "/api;/v1/users", null, null);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(reply.text()).doesNotContain("items");
  }

  @Test
  void theIssuesSecondBypassReplacingAFaceWithoutAKeyIsRefused() {
    String alice = "bypass-alice";
    assertThat(api.postJson("/api/v1/users", ADMIN_KEY, Map.of("userId", alice, "consent", true)).status())
        .isEqualTo(201);
    assertThat(api.postMultipart("/api/v1/users/" + alice + "/faces", ADMIN_KEY,
        List.of(Part.file("images", photo("users/Alex_Lacamoire/1.jpg")))).status()).isEqualTo(201);
    String before = api.get("/api/v1/users/" + alice, ADMIN_KEY).text();

    Reply reply = new RawHttp(port).send("POST", "/api;/v1/users/" + alice + "/faces?replace=true", null,
        Body.multipart(List.of(Part.file("images", photo("users/Akhmed_Zakayev/1.jpg")))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(api.get("/api/v1/users/" + alice, ADMIN_KEY).text()).isEqualTo(before);
  }

  @Test
  void theIssuesThirdBypassVerifyingWithoutAKeyIsRefused() {
    Reply reply = new RawHttp(port).send("POST", "/api;/v1/auth/verify", null, image(true).apply(VICTIM));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(reply.text()).doesNotContain("token");
  }

  private String users() {
    return api.get("/api/v1/users?size=200", ADMIN_KEY).text();
  }
}
