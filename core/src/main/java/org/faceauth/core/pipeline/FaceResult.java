package org.faceauth.core.pipeline;

import java.util.List;
import java.util.Optional;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.embed.Embedding;
import org.faceauth.core.quality.QualityReport;

/**
 * The result of running a pipeline on one image.
 *
 * @param outcome accepted, no face, or refused by the quality gate
 * @param subject the face the pipeline took as the subject (nearest the image centre), if any
 * @param faces every face found
 * @param quality the quality assessment (assessed for enrollment; for verification only when a gate is configured)
 * @param embedding the subject's embedding when accepted
 * @param timings time per stage
 */
public record FaceResult(
    FaceOutcome outcome,
    Optional<DetectedFace> subject,
    List<DetectedFace> faces,
    Optional<QualityReport> quality,
    Optional<Embedding> embedding,
    StageTimings timings) {
  public FaceResult {
    faces = List.copyOf(faces);
  }

  public boolean accepted() {
    return outcome == FaceOutcome.ACCEPTED;
  }
}
