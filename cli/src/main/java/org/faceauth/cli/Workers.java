package org.faceauth.cli;

import org.faceauth.core.model.InferenceOptions;
import picocli.CommandLine.Option;

/** {@code --threads N}: images processed in parallel, each inference single-threaded (best throughput). */
final class Workers {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Images processed in parallel (default: number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  InferenceOptions inference() {
    return new InferenceOptions(1);
  }
}
