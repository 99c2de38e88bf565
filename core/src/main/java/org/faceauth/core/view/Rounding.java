package org.faceauth.core.view;

/** How the views round what they print: scores to four decimals, times to a tenth of a millisecond. */
final class Rounding {
  private Rounding() {}

  static double score(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  static double millis(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
