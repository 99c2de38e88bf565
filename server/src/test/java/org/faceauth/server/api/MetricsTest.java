package org.faceauth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faceauth.server.testing.Api.Answer;
import org.faceauth.server.testing.Api.Part;
import org.faceauth.server.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes (admin key): every FaceAuth meter explains itself in its {@code # HELP} line, each stage of
 * a verification has a latency histogram, and answers are counted by outcome.
 */
class MetricsTest extends ServerTest {
  private static final Pattern TYPE = Pattern.compile("^# TYPE (faceauth_\\w+) ", Pattern.MULTILINE);

  private String scrape() {
    Answer answer = api.get("/actuator/prometheus", ADMIN_KEY);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.text();
  }

  private void verifyStranger() {
    Answer answer = api.postMultipart("/api/v1/auth/verify", appKey, List.of(Part.field("userId", "metrics-nobody"),
        Part.file("image", photo("test/known_faces/Bill_Frist_1.jpg"))));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
  }

  @Test
  void everyFaceAuthMeterHasHelpText() {
    verifyStranger();
    api.get("/api/v1/users/nobody", ADMIN_KEY);
    String text = scrape();

    Matcher types = TYPE.matcher(text);
    int meters = 0;
    while (types.find()) {
      meters++;
      String name = types.group(1);
      assertThat(text).as(name).containsPattern("(?m)^# HELP " + name + " \\S.*$");
    }
    assertThat(meters).as("faceauth_stage_seconds, faceauth_decisions_total, faceauth_problems_total")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void eachStageOfAVerificationHasALatencyHistogramAndTheOutcomeIsCounted() {
    verifyStranger();
    String text = scrape();

    for (String stage : List.of("decode", "detect", "align", "embed", "liveness")) {
      assertThat(text).as(stage).containsPattern(
          "faceauth_stage_seconds_bucket\\{[^}]*flow=\"verify\"[^}]*stage=\"" + stage + "\"[^}]*le=\"");
    }
    assertThat(text).containsPattern(
        "(?m)^faceauth_decisions_total\\{[^}]*flow=\"verify\"[^}]*outcome=\"no_match\"[^}]*} [1-9]");
  }

  @Test
  void aVerificationThatFailsIsCountedAsAnError() {
    api.post("/api/v1/auth/verify", appKey, "application/json",
        "{\"userId\":\"metrics-nobody\",\"image\":\"R0lGODlhAQABAAAAACw=\"}".getBytes());

    assertThat(scrape()).containsPattern(
        "(?m)^faceauth_decisions_total\\{[^}]*flow=\"verify\"[^}]*outcome=\"error\"[^}]*} [1-9]");
  }
}
