package org.faceauth.server.config;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Multipart uploads stay in memory: the threshold above which a part would be written to a temporary file is the
 * largest part allowed, so face photos never touch the disk (Tomcat would otherwise spool every part to
 * {@code upload_*.tmp}). The memory is bounded by {@link org.faceauth.server.middleware.BodyBudgetFilter}.
 */
@Configuration
public class MultipartConfig {
  @Bean
  MultipartConfigElement multipartConfigElement(MultipartProperties multipart) {
    multipart.setFileSizeThreshold(multipart.getMaxFileSize());
    return multipart.createMultipartConfig();
  }
}
