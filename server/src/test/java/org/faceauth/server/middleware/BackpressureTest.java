package org.faceauth.server.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With one inference slot and no waiting room, concurrent requests beyond it get 503 + Retry-After at once. */
@TestPropertySource(properties = {"faceauth.inference.concurrency=1", "faceauth.inference.queue=0"})
class BackpressureTest extends ServerTest {
  @Test
  void requestsBeyondTheBoundAreTurnedAwayNotQueued() throws Exception {
    Part image = Part.file("image", photo("test/group/fr_obama_and_biden.jpg"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      answers.add(pool.submit(() -> api.postMultipart("/api/v1/faces/detect", appKey, List.of(image))));
    }
    List<Integer> statuses = new ArrayList<>();
    Answer overloaded = null;
    for (Future<Answer> f : answers) {
      Answer a = f.get();
      statuses.add(a.status());
      if (a.status() == 503) {
        overloaded = a;
      }
    }
    pool.shutdown();
    assertThat(statuses).contains(200, 503).allMatch(s -> s == 200 || s == 503);
    assertThat(overloaded.json().get("code").asText()).isEqualTo("OVERLOADED");
    assertThat(overloaded.header("Retry-After")).isEqualTo("1");
  }
}
