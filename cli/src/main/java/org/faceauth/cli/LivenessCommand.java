package org.faceauth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.InvalidImageException;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth liveness IMAGE...}: the passive anti-spoofing check on the face nearest each image's centre, one JSON
 * line per image: {@code {"image", "live", "score"}} ({@code score} null and {@code reason} NO_FACE without a face).
 */
@Command(name = "liveness", description = "Passive liveness (print/screen attack) check of the main face per image.")
final class LivenessCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description = "Score at or above which a face is live (default: 0.5).")
  double threshold = LivenessPolicy.DEFAULT.threshold();

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images;

  @Override
  public Integer call() {
    int exit = FaceAuthCli.EXIT_OK;
    try (FaceEngine engine = models.lazyEngine()) {
      for (Path image : images) {
        try (BgrImage decoded = engine.decoder().decode(ImageFiles.read(image))) {
          List<DetectedFace> faces = engine.detector(engine.config().strategy().verify()).detect(decoded);
          Optional<DetectedFace> subject = FacePipeline.subject(faces, decoded.width(), decoded.height());
          if (subject.isEmpty()) {
            Json.println(spec.commandLine().getOut(),
                Json.object("image", image.toString(), "live", false, "score", null, "reason", "NO_FACE"));
            continue;
          }
          double score = engine.liveness().score(decoded, subject.get());
          Json.println(spec.commandLine().getOut(), Json.object(
              "image", image.toString(), "live", score >= threshold, "score", Json.round(score, 4)));
        } catch (InvalidImageException | BadInputException e) {
          spec.commandLine().getErr().println("faceauth: " + image + ": " + e.getMessage());
          exit = FaceAuthCli.EXIT_BAD_INPUT;
        }
      }
    }
    return exit;
  }
}
