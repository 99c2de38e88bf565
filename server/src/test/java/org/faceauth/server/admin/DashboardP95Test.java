package org.faceauth.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dashboard's p95 is a recent measurement or nothing: never 0 ms for a window without verifications. */
class DashboardP95Test {
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

  private Timer verifyTotal() {
    return Timer.builder("faceauth.stage").tag("flow", "verify").tag("stage", "total")
        .publishPercentiles(0.95).distributionStatisticExpiry(Duration.ofMinutes(2)).register(registry);
  }

  @Test
  void noTimerMeansNoFigure() {
    assertThat(DashboardController.p95Millis(registry)).isEmpty();
  }

  @Test
  void recentVerificationsGiveTheirP95_andNoneOnceTheyHaveAgedOut() {
    Timer timer = verifyTotal();
    for (int i = 0; i < 20; i++) {
      timer.record(120, TimeUnit.MILLISECONDS);
    }
    assertThat(DashboardController.p95Millis(registry)).hasValueSatisfying(p95 -> assertThat(p95).isBetween(100.0,
        130.0));

    clock.add(Duration.ofMinutes(10));
    assertThat(timer.count()).as("the verifications are still counted").isEqualTo(20);
    assertThat(DashboardController.p95Millis(registry)).as("but none is recent").isEmpty();
  }
}
