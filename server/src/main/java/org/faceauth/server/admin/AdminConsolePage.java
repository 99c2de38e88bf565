package org.faceauth.server.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the admin console (static files under {@code static/admin/}) at {@code /admin} ({@code /admin/} redirects
 * there). The page itself is public; it
 * asks for an admin key and every call it makes needs one.
 */
@Configuration
public class AdminConsolePage implements WebMvcConfigurer {
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/admin").setViewName("forward:/admin/index.html");
    // The address with a trailing slash, as people type it, goes to the console's one address.
    registry.addRedirectViewController("/admin/", "/admin");
  }
}
