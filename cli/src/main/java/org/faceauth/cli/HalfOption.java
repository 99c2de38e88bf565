package org.faceauth.cli;

import org.faceauth.core.evaluation.DatasetHalf;
import org.faceauth.core.evaluation.FaceDataset;
import picocli.CommandLine.Option;

/** {@code --half}: which people of a dataset a command uses, so that fitting and checking see different people. */
final class HalfOption {
  @Option(
      names = "--half",
      paramLabel = "HALF",
      converter = Converters.Half.class,
      description = "all, calibration or check: the people used, split by SHA-256 of the name (first byte even: "
          + "calibration, odd: check; default: all).")
  DatasetHalf half = DatasetHalf.ALL;

  /** The dataset's people in the chosen half. */
  FaceDataset of(FaceDataset data) {
    return data.half(half);
  }
}
