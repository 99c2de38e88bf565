package org.faceauth.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** The FaceAuth REST server: {@code faceauth serve} starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FaceAuthServer {
  /** Starts the server and returns its context (closing it stops the server). */
  public static ConfigurableApplicationContext start(String... args) {
    return SpringApplication.run(FaceAuthServer.class, args);
  }

  public static void main(String[] args) {
    start(args);
  }
}
