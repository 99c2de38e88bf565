package org.faceauth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.detect.DetectedFace;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.embed.OnnxFaceEmbedder;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.InferenceModel;
import org.faceauth.core.model.InferenceOptions;
import org.faceauth.core.model.OnnxModel;
import org.faceauth.core.model.OpenCvDnnModel;
import org.faceauth.core.pipeline.FaceEngine;
import org.faceauth.core.pipeline.FacePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faceauth bench-runtimes}: one embedding of one aligned face, timed on the thread that loaded the model and on
 * a fresh thread, for each way of running the embedder that was considered: ONNX Runtime with one intra-op thread,
 * with two (spinning or not), and OpenCV DNN (what FaceAuth uses). Medians of many runs; one JSON line per option.
 */
@Command(name = "bench-runtimes", description = "Time an embedder per runtime on the loading thread and a fresh one.")
final class BenchRuntimesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelsOption models = new ModelsOption();

  @Option(
      names = "--model",
      paramLabel = "M",
      converter = Converters.Embedder.class,
      description = "Embedding model: fr_feature (default) or mobilefacenet.")
  EmbeddingModel model = EmbeddingModel.FR_FEATURE;

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs per thread (default: 41).")
  int runs = 41;

  @Parameters(paramLabel = "IMAGE", description = "A photo with one face.")
  Path image;

  @Override
  public Integer call() throws IOException, InterruptedException, ExecutionException {
    if (runs < 1) {
      throw new BadInputException("--runs must be positive.");
    }
    try (FaceEngine engine = FaceEngine.lazy(
            models.lazyEngine().config().withInference(new InferenceOptions(1)));
        AlignedFace face = align(engine)) {
      report(face, "onnxruntime, 1 intra-op thread", OnnxModel.load(models.directory(), model.source(),
          new InferenceOptions(1)));
      report(face, "onnxruntime, 2 intra-op threads", OnnxModel.load(models.directory(), model.source(),
          new InferenceOptions(2)));
      report(face, "opencv-dnn, one network per thread", OpenCvDnnModel.load(models.directory(), model.source(),
          new InferenceOptions(1), 2));
    }
    return FaceAuthCli.EXIT_OK;
  }

  private AlignedFace align(FaceEngine engine) throws IOException {
    try (BgrImage decoded = engine.decoder().decode(Files.readAllBytes(image))) {
      DetectedFace subject = FacePipeline.subject(
              engine.detector(DetectorKind.YUNET).detect(decoded), decoded.width(), decoded.height())
          .orElseThrow(() -> new BadInputException("No face in " + image + "."));
      return engine.aligner().align(decoded, subject.landmarks());
    }
  }

  private void report(AlignedFace face, String option, InferenceModel runtime)
      throws InterruptedException, ExecutionException {
    try (OnnxFaceEmbedder embedder = new OnnxFaceEmbedder(model, runtime)) {
      double loading = medianMillis(() -> embedder.embed(face));
      ExecutorService fresh = Executors.newSingleThreadExecutor();
      double other;
      try {
        other = CompletableFuture.supplyAsync(() -> medianMillis(() -> embedder.embed(face)), fresh).get();
      } finally {
        fresh.shutdown();
      }
      Json.println(spec.commandLine().getOut(), Json.object(
          "model", model.id(),
          "runtime", option,
          "loadingThreadMs", Json.round(loading, 2),
          "freshThreadMs", Json.round(other, 2)));
    }
  }

  private double medianMillis(Runnable work) {
    long[] nanos = new long[runs];
    for (int i = -5; i < runs; i++) {
      long start = System.nanoTime();
      work.run();
      if (i >= 0) {
        nanos[i] = System.nanoTime() - start;
      }
    }
    Arrays.sort(nanos);
    return nanos[runs / 2] / 1e6;
  }
}
