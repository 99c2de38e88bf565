package org.faceauth.server.invitations;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the enrollment page (static files under {@code static/enroll/}) at {@code /enroll}. The page itself is
 * public; it reads the invitation's secret from the link's fragment and every call it makes needs it.
 */
@Configuration
public class EnrollmentPage implements WebMvcConfigurer {
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/enroll").setViewName("forward:/enroll/index.html");
  }
}
