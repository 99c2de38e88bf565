package org.faceauth.server.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.faceauth.core.pipeline.StageTimings;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the flows: {@code faceauth_stage_seconds} per flow and stage (decode, detect, landmarks,
 * align, embed) and {@code faceauth_decisions_total} per flow and outcome. Errors are counted by code where problems
 * are written.
 */
@Component
final class FlowMetrics {
  private final MeterRegistry registry;

  FlowMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String flow, String outcome, StageTimings stages) {
    registry.counter("faceauth.decisions", "flow", flow, "outcome", outcome).increment();
    stage(flow, "decode", stages.decode());
    stage(flow, "detect", stages.detect());
    stage(flow, "landmarks", stages.landmarks());
    stage(flow, "align", stages.align());
    stage(flow, "embed", stages.embed());
    stage(flow, "total", stages.total());
  }

  private void stage(String flow, String stage, long nanos) {
    if (nanos > 0) {
      Timer.builder("faceauth.stage").tag("flow", flow).tag("stage", stage).publishPercentiles(0.95).register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
