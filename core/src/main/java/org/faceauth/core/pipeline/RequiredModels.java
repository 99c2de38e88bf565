package org.faceauth.core.pipeline;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.faceauth.core.detect.DetectorKind;
import org.faceauth.core.model.ModelFile;

/**
 * The catalogued model files a configuration cannot run without: both detectors of its strategy, its embedder
 * (unless a descriptor in the models folder describes it: that file is checked when the descriptor is read) and, when
 * verification requires a live face, the passive liveness pair. Start-up checks them all at once and health reports
 * each of them.
 */
public final class RequiredModels {
  private RequiredModels() {}

  /** The files {@code config} needs, in catalogue order; {@code liveness} adds the MiniFASNet pair. */
  public static Set<ModelFile> of(EngineConfig config, boolean liveness) {
    Set<ModelFile> files = EnumSet.noneOf(ModelFile.class);
    files.addAll(of(config.strategy().enroll(), config));
    files.addAll(of(config.strategy().verify(), config));
    if (config.embeddingModel().source() instanceof ModelFile catalogued) {
      files.add(catalogued);
    }
    if (liveness) {
      files.add(ModelFile.ANTISPOOF_MINIFASNET_V2);
      files.add(ModelFile.ANTISPOOF_MINIFASNET_V1SE);
    }
    return Collections.unmodifiableSet(files);
  }

  private static Set<ModelFile> of(DetectorKind kind, EngineConfig config) {
    return switch (kind) {
      case MTCNN -> EnumSet.of(ModelFile.MTCNN_PNET, ModelFile.MTCNN_RNET, ModelFile.MTCNN_ONET);
      case YUNET -> EnumSet.of(ModelFile.YUNET);
      case BLAZEFACE -> EnumSet.of(ModelFile.BLAZEFACE, ModelFile.MTCNN_ONET);
      case HAAR -> config.haarCascade().isPresent()
          ? EnumSet.of(ModelFile.MTCNN_ONET)
          : EnumSet.of(ModelFile.HAAR_FRONTALFACE, ModelFile.MTCNN_ONET);
    };
  }
}
