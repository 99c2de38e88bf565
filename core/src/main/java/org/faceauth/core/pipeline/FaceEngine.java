package org.faceauth.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.faceauth.core.align.FaceAligner;
import org.faceauth.core.align.FivePointAligner;
import org.faceauth.core.detect.BlazeFaceDetector;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.detect.FaceDetector;
import org.faceauth.core.detect.HaarDetector;
import org.faceauth.core.detect.MtcnnDetector;
import org.faceauth.core.detect.YuNetDetector;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.embed.FaceEmbedder;
import org.faceauth.core.embed.OnnxFaceEmbedder;
import org.faceauth.core.image.ImageDecoder;
import org.faceauth.core.liveness.LivenessCheck;
import org.faceauth.core.liveness.MiniFasNetCheck;
import org.faceauth.core.match.Matcher;
import org.faceauth.core.model.ModelFile;
import org.faceauth.core.model.ModelSource;
import org.faceauth.core.model.InferenceModel;
import org.faceauth.core.model.OnnxModel;
import org.faceauth.core.model.OpenCvDnnModel;
import org.faceauth.core.quality.QualityGate;

/**
 * The composition root of the core: loads every model once, verifies checksums at start-up, and hands out the
 * enrollment and verification pipelines. Detectors and embedders outside the configured strategy are loaded on first
 * use and then kept. Thread-safe; close it once to free every model.
 *
 * <p>Every model runs at full speed on any calling thread. Detectors run on ONNX Runtime, one shared session each.
 * Embedders and the liveness pair run on OpenCV DNN with one network per concurrent caller ({@link OpenCvDnnModel}):
 * ONNX Runtime flushes denormals only on the thread that created its first session, and fr_feature's activations go
 * denormal, so on ONNX Runtime it ran 7× slower on every other thread (every server worker); MiniFASNet runs about a
 * quarter faster on OpenCV. The outputs agree with ONNX Runtime's to within 1e-5, so the calibrated thresholds
 * stand. YuNet stays on ONNX Runtime, about twice as fast there.
 */
public final class FaceEngine implements AutoCloseable {
  private final EngineConfig config;
  private final ImageDecoder decoder;
  private final FaceAligner aligner = FivePointAligner.arcFace112();
  private final QualityGate qualityGate;
  private final Map<DetectorKind, FaceDetector> detectors = new ConcurrentHashMap<>();
  private final Map<EmbeddingModel, FaceEmbedder> embedders = new ConcurrentHashMap<>();
  private final List<InferenceModel> loaded = new ArrayList<>();
  private LivenessCheck liveness;

  private FaceEngine(EngineConfig config) {
    this.config = config;
    this.decoder = new ImageDecoder(config.imageLimits());
    this.qualityGate = new QualityGate(config.quality());
  }

  /**
   * Loads the models the configuration needs.
   *
   * @throws org.faceauth.core.model.ModelException if a model is missing, corrupt or unloadable
   */
  public static FaceEngine open(EngineConfig config) {
    FaceEngine engine = new FaceEngine(config);
    try {
      engine.detector(config.strategy().enroll());
      engine.detector(config.strategy().verify());
      engine.embedder(config.embeddingModel());
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** An engine that loads each model on first use (for tools that need only a part, such as detection). */
  public static FaceEngine lazy(EngineConfig config) {
    return new FaceEngine(config);
  }

  public EngineConfig config() {
    return config;
  }

  public ImageDecoder decoder() {
    return decoder;
  }

  public FaceAligner aligner() {
    return aligner;
  }

  /**
   * The match decision at the threshold in force; asked for only when deciding, so that an embedder without a
   * threshold yet (a described model before {@code calibrate}) can still embed and be calibrated.
   *
   * @throws org.faceauth.core.model.ModelException if the model has no threshold and none is configured
   */
  public Matcher matcher() {
    return new Matcher(config.effectiveThreshold());
  }

  /** The enrollment quality gate (also used to grade faces found by detection). */
  public QualityGate qualityGate() {
    return qualityGate;
  }

  /** The decision threshold in force for the configured embedding model. */
  public double threshold() {
    return config.effectiveThreshold();
  }

  /** Enrollment: the enrollment detector and the quality gate. */
  public FacePipeline enrollmentPipeline() {
    return new FacePipeline(
        decoder, detector(config.strategy().enroll()), aligner, embedder(config.embeddingModel()),
        Optional.of(qualityGate));
  }

  /** Verification: the verification detector, no quality gate. */
  public FacePipeline verificationPipeline() {
    return new FacePipeline(
        decoder, detector(config.strategy().verify()), aligner, embedder(config.embeddingModel()), Optional.empty());
  }

  /** A pipeline with any detector, embedder and optional gate (for evaluation and tools). */
  public FacePipeline pipeline(DetectorKind kind, EmbeddingModel model, boolean withQualityGate) {
    return new FacePipeline(
        decoder, detector(kind), aligner, embedder(model),
        withQualityGate ? Optional.of(qualityGate) : Optional.empty());
  }

  /** The detector of {@code kind}, loaded on first use. */
  public FaceDetector detector(DetectorKind kind) {
    return detectors.computeIfAbsent(kind, this::createDetector);
  }

  /** The embedder of {@code model}, loaded on first use. */
  public FaceEmbedder embedder(EmbeddingModel model) {
    return embedders.computeIfAbsent(model, m -> new OnnxFaceEmbedder(m, loadOnEveryThread(m.source())));
  }

  /** The passive liveness check (the MiniFASNet pair), loaded on first use. */
  public synchronized LivenessCheck liveness() {
    if (liveness == null) {
      liveness = new MiniFasNetCheck(
          loadOnEveryThread(ModelFile.ANTISPOOF_MINIFASNET_V2), loadOnEveryThread(ModelFile.ANTISPOOF_MINIFASNET_V1SE));
    }
    return liveness;
  }

  /** Every ONNX model loaded so far (for inference-time accounting in benchmarks). */
  public synchronized List<InferenceModel> loadedModels() {
    return List.copyOf(loaded);
  }

  private FaceDetector createDetector(DetectorKind kind) {
    return switch (kind) {
      case MTCNN -> new MtcnnDetector(
          load(ModelFile.MTCNN_PNET), load(ModelFile.MTCNN_RNET), load(ModelFile.MTCNN_ONET),
          MtcnnDetector.Settings.DEFAULT);
      case YUNET -> new YuNetDetector(load(ModelFile.YUNET), YuNetDetector.Settings.DEFAULT);
      case HAAR -> new HaarDetector(
          HaarCascadeLocator.locate(config.haarCascade(), config.models()), load(ModelFile.MTCNN_ONET),
          HaarDetector.Settings.DEFAULT);
      case BLAZEFACE -> new BlazeFaceDetector(
          load(ModelFile.BLAZEFACE), load(ModelFile.MTCNN_ONET), BlazeFaceDetector.Settings.DEFAULT);
    };
  }

  private synchronized OnnxModel load(ModelFile file) {
    OnnxModel model = OnnxModel.load(config.models(), file, config.inference());
    loaded.add(model);
    return model;
  }

  /** One network per concurrent caller, up to two per core: beyond that, callers would only share the cores anyway. */
  private synchronized OpenCvDnnModel loadOnEveryThread(ModelSource file) {
    int capacity = 2 * Runtime.getRuntime().availableProcessors();
    OpenCvDnnModel model = OpenCvDnnModel.load(config.models(), file, config.inference(), capacity);
    loaded.add(model);
    return model;
  }

  @Override
  public void close() {
    detectors.values().forEach(FaceDetector::close);
    embedders.values().forEach(FaceEmbedder::close);
    detectors.clear();
    embedders.clear();
    synchronized (this) {
      if (liveness != null) {
        liveness.close();
        liveness = null;
      }
    }
  }
}
