package org.faceauth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.detect.FaceDetector;
import org.faceauth.core.detect.Point2;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.image.InvalidImageException;
import org.faceauth.core.pipeline.FaceEngine;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faceauth detect}: where are the faces? One JSON line per image. */
@Command(
    name = "detect",
    description = "Find faces: one JSON line per image with the detector, boxes, scores and 5 landmarks.")
final class DetectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Option(
      names = "--detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "mtcnn, yunet (default), haar or blazeface.")
  DetectorKind detector = DetectorKind.YUNET;

  @Option(
      names = "--annotate",
      paramLabel = "OUT.png",
      description = "Also write the image with boxes and landmarks drawn (OUT-2.png, … for further images).")
  Path annotate;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files.")
  List<Path> images;

  @Override
  public Integer call() {
    int exit = FaceAuthCli.EXIT_OK;
    try (FaceEngine engine = models.lazyEngine()) {
      FaceDetector faceDetector = engine.detector(detector);
      for (int i = 0; i < images.size(); i++) {
        Path image = images.get(i);
        try (BgrImage decoded = engine.decoder().decode(ImageFiles.read(image))) {
          List<DetectedFace> faces = faceDetector.detect(decoded);
          Json.println(spec.commandLine().getOut(),
              Json.object("image", image.toString(), "detector", detector.id(),
                  "faces", faces.stream().map(Json::face).toList()));
          if (annotate != null) {
            writeAnnotated(decoded, faces, annotatedPath(i));
          }
        } catch (InvalidImageException | BadInputException e) {
          spec.commandLine().getErr().println("faceauth: " + image + ": " + e.getMessage());
          exit = FaceAuthCli.EXIT_BAD_INPUT;
        }
      }
    }
    return exit;
  }

  private Path annotatedPath(int index) {
    if (index == 0) {
      return annotate;
    }
    String name = annotate.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered = dot > 0 ? name.substring(0, dot) + "-" + (index + 1) + name.substring(dot)
        : name + "-" + (index + 1);
    return annotate.resolveSibling(numbered);
  }

  private static void writeAnnotated(BgrImage image, List<DetectedFace> faces, Path out) {
    var canvas = image.mat().clone();
    try {
      int thickness = Math.max(2, Math.max(image.width(), image.height()) / 300);
      for (DetectedFace face : faces) {
        var b = face.box();
        Imgproc.rectangle(canvas, new org.opencv.core.Point(b.x(), b.y()),
            new org.opencv.core.Point(b.right(), b.bottom()), new Scalar(0, 220, 0), thickness);
        for (Point2 p : face.landmarks().points()) {
          Imgproc.circle(canvas, new org.opencv.core.Point(p.x(), p.y()), thickness + 1, new Scalar(0, 0, 255), -1);
        }
      }
      if (!Imgcodecs.imwrite(out.toString(), canvas)) {
        throw new BadInputException("Cannot write " + out + " (unknown extension or unwritable folder).");
      }
    } finally {
      canvas.release();
    }
  }
}
