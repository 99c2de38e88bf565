package org.faceauth.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whether a request's path is one of the API's routes (controllers and actuator endpoints, not static files), so that
 * a key refused on a path that does not exist is told 404 rather than "needs an admin key", and one refused for the
 * wrong method 405. Asked only for callers with a valid key: anonymous callers learn nothing about routes.
 */
final class KnownRoutes {
  /** What the API has at a request's path. */
  enum Match { ROUTE, OTHER_METHOD, NONE }

  private final HandlerMappingIntrospector introspector;

  KnownRoutes(HandlerMappingIntrospector introspector) {
    this.introspector = introspector;
  }

  Match match(HttpServletRequest request) {
    List<HandlerMapping> mappings = introspector.getHandlerMappings();
    if (mappings == null) {
      return Match.ROUTE;
    }
    if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
      ServletRequestPathUtils.parseAndCache(request);
    }
    Match best = Match.NONE;
    for (HandlerMapping mapping : mappings) {
      if (!(mapping instanceof RequestMappingInfoHandlerMapping)) {
        continue;
      }
      try {
        if (mapping.getHandler(request) != null) {
          return Match.ROUTE;
        }
      } catch (HttpRequestMethodNotSupportedException e) {
        best = Match.OTHER_METHOD;
      } catch (Exception e) {
        // Another condition of an existing route (consumes, produces, params) does not hold: the path is a route.
        return Match.ROUTE;
      }
    }
    return best;
  }
}
