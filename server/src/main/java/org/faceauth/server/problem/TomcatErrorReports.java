package org.faceauth.server.problem;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Replaces Tomcat's HTML error report (Spring Boot's too, which runs earlier) by {@link ProblemErrorReportValve}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public final class TomcatErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      StandardHost host = (StandardHost) context.getParent();
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.getPipeline().removeValve(valve);
        }
      }
      host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
      host.getPipeline().addValve(new ProblemErrorReportValve());
    });
  }
}
