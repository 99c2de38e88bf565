package org.faceauth.server.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets a JSON string (a base64 image) be as long as a request may be: Jackson's own cap (20 million characters) would
 * otherwise refuse a large base64 image as malformed JSON before the body limit could answer 413.
 */
@Configuration
public class JsonLimits {
  @Bean
  Jackson2ObjectMapperBuilderCustomizer longJsonStrings(ServerSettings settings) {
    int longest = (int) Math.min(Integer.MAX_VALUE, settings.upload().maxRequestBytes());
    return builder -> builder.postConfigurer(mapper -> mapper.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(longest).build()));
  }
}
