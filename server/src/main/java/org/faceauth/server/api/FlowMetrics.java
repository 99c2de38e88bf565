package org.faceauth.server.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.faceauth.core.pipeline.StageTimings;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the flows: {@code faceauth_stage_seconds}, a histogram per flow and stage (decode, detect,
 * landmarks, align, embed, liveness, total), and {@code faceauth_decisions_total} per flow and outcome (match,
 * no_match, spoof, challenge_failed, user_disabled, locked, no_face, unknown, error). Problems are also counted by
 * code in {@code faceauth_problems_total}.
 */
@Component
final class FlowMetrics {
  private final MeterRegistry registry;

  FlowMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** One answered request of {@code flow} and the time each of its stages took. */
  void record(String flow, String outcome, StageTimings stages) {
    decision(flow, outcome);
    stage(flow, "decode", stages.decode());
    stage(flow, "detect", stages.detect());
    stage(flow, "landmarks", stages.landmarks());
    stage(flow, "align", stages.align());
    stage(flow, "embed", stages.embed());
    stage(flow, "liveness", stages.liveness());
    stage(flow, "total", stages.total());
  }

  /** A request of {@code flow} that failed with an error instead of an answer. */
  void error(String flow) {
    decision(flow, "error");
  }

  private void decision(String flow, String outcome) {
    Counter.builder("faceauth.decisions")
        .description("Answers of the verify and identify flows by outcome; error counts requests that failed")
        .tag("flow", flow).tag("outcome", outcome)
        .register(registry).increment();
  }

  private void stage(String flow, String stage, long nanos) {
    if (nanos > 0) {
      Timer.builder("faceauth.stage")
          .description("Time one stage of a flow took on one image (decode, detect, landmarks, align, embed, "
              + "liveness; total is their sum)")
          .tag("flow", flow).tag("stage", stage)
          .publishPercentileHistogram()
          .publishPercentiles(0.95)
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(30))
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
