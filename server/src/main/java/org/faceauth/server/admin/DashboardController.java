package org.faceauth.server.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.faceauth.core.user.UserDirectory;
import org.faceauth.core.user.UserQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin console's dashboard (admin keys), read from the process's Micrometer registry (the same meters Prometheus
 * scrapes) and the database: verifications by outcome, their rate, the 95th percentile of their time over the last
 * minutes, the share refused as spoofs, and how many users are locked now. One node's view: with several nodes behind
 * a balancer, use Prometheus.
 */
@RestController
@Tag(name = "admin: dashboard", description = "Figures for the admin console (admin keys).")
public class DashboardController {
  private final MeterRegistry registry;
  private final UserDirectory users;
  private final Clock clock;
  private final Instant started;

  DashboardController(MeterRegistry registry, UserDirectory users, Clock clock) {
    this.registry = registry;
    this.users = users;
    this.clock = clock;
    this.started = clock.instant();
  }

  @GetMapping("/api/v1/admin/dashboard")
  @Operation(summary = "Verifications by outcome and per minute, p95 latency, spoof rate, locked users.")
  AdminViews.Dashboard dashboard() {
    Instant now = clock.instant();
    List<AdminViews.OutcomeCount> counts = new ArrayList<>();
    for (Counter counter : registry.find("faceauth.decisions").tag("flow", "verify").counters()) {
      counts.add(new AdminViews.OutcomeCount(counter.getId().getTag("outcome"), (long) counter.count()));
    }
    counts.sort(Comparator.comparing(AdminViews.OutcomeCount::outcome));
    long total = counts.stream().mapToLong(AdminViews.OutcomeCount::count).sum();
    long spoofs = counts.stream().filter(c -> c.outcome().equals("spoof"))
        .mapToLong(AdminViews.OutcomeCount::count).sum();
    double minutes = Math.max(1, Duration.between(started, now).toSeconds()) / 60.0;
    List<AdminViews.OutcomeRate> rates = counts.stream()
        .map(c -> new AdminViews.OutcomeRate(c.outcome(), Math.round(c.count() / minutes * 100) / 100.0))
        .toList();
    long locked = users.search(new UserQuery(Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty(),
        0, 1), now).total();
    return new AdminViews.Dashboard(counts, rates, p95Millis(registry).orElse(null),
        total == 0 ? 0 : (double) spoofs / total, locked, Duration.between(started, now).toSeconds());
  }

  /**
   * The 95th percentile of a verification's time over Micrometer's recent window, empty when no verification was timed
   * in it: the window's percentile reads 0 once its samples have aged out, and no verification takes 0 ms.
   */
  static Optional<Double> p95Millis(MeterRegistry registry) {
    Timer timer = registry.find("faceauth.stage").tags("flow", "verify", "stage", "total").timer();
    if (timer == null) {
      return Optional.empty();
    }
    for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
      if (value.percentile() == 0.95) {
        double millis = Math.round(value.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
        return millis > 0 ? Optional.of(millis) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
