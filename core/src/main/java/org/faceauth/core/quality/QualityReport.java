package org.faceauth.core.quality;

import java.util.List;

/**
 * The verdict on one shot: acceptable when {@link #issues()} is empty.
 *
 * @param issues what is wrong, most important first
 * @param metrics the measurements (null when no face was found)
 */
public record QualityReport(List<QualityIssue> issues, QualityMetrics metrics) {
  public QualityReport {
    issues = List.copyOf(issues);
  }

  public boolean acceptable() {
    return issues.isEmpty();
  }

  /** The report for an image without a face. */
  public static QualityReport noFace() {
    return new QualityReport(List.of(QualityIssue.NO_FACE), null);
  }
}
