package org.faceauth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faceauth crop}: the aligned 112×112 face of the subject, as a new image. */
@Command(name = "crop", description = "Write the aligned 112x112 crop of the main face (the one nearest the centre).")
final class CropCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Option(
      names = "--detector",
      paramLabel = "D",
      converter = Converters.Detector.class,
      description = "mtcnn (default), yunet, haar or blazeface.")
  DetectorKind detector = DetectorKind.MTCNN;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.jpg", required = true, description = "Output image file.")
  Path output;

  @Parameters(paramLabel = "IMAGE", description = "Image file.")
  Path image;

  @Override
  public Integer call() throws IOException {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    String extension = name.endsWith(".png") ? ".png" : ".jpg";
    try (FaceEngine engine = models.lazyEngine();
        BgrImage decoded = engine.decoder().decode(ImageFiles.read(image))) {
      DetectedFace subject = FacePipeline.subject(engine.detector(detector).detect(decoded), decoded.width(),
              decoded.height())
          .orElseThrow(() -> new BadInputException("No face found in " + image + "."));
      try (AlignedFace face = engine.aligner().align(decoded, subject.landmarks())) {
        Files.write(output, face.image().encode(extension));
      }
    }
    Json.println(spec.commandLine().getOut(), Json.object("image", image.toString(), "crop", output.toString()));
    return FaceAuthCli.EXIT_OK;
  }
}
