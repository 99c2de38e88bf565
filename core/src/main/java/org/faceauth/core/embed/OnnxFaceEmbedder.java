package org.faceauth.core.embed;

import java.util.Map;
import java.util.Optional;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.ImageTensors;
import org.faceauth.core.model.InferenceModel;
import org.faceauth.core.model.ModelException;

/**
 * Runs an {@link EmbeddingModel}'s ONNX file on a 112×112 aligned face, with whichever runtime the engine chose for it
 * (see {@link org.faceauth.core.pipeline.FaceEngine}). Thread-safe.
 */
public final class OnnxFaceEmbedder implements FaceEmbedder {
  private final EmbeddingModel model;
  private final InferenceModel session;

  /**
   * @param session the loaded model file of {@code model}; ownership passes to this embedder
   */
  public OnnxFaceEmbedder(EmbeddingModel model, InferenceModel session) {
    if (!session.source().equals(model.source())) {
      throw new IllegalArgumentException(session.source() + " is not the model file of " + model);
    }
    this.model = model;
    this.session = session;
  }

  @Override
  public EmbeddingModel model() {
    return model;
  }

  @Override
  public Embedding embed(AlignedFace face) {
    FloatTensor input = ImageTensors.chw(face.image().mat(), model.channelOrder(), model.normalization());
    Map<String, FloatTensor> outputs = session.run(input);
    FloatTensor output = model.output()
        .map(name -> Optional.ofNullable(outputs.get(name)).orElseThrow(() -> new ModelException(
            ErrorCode.MODEL_INFERENCE_FAILED, model.id() + " has no output '" + name + "'; its outputs are "
                + outputs.keySet() + ".")))
        .orElseGet(() -> outputs.values().iterator().next());
    if (output.data().length != model.dimensions()) {
      throw new ModelException(ErrorCode.MODEL_INFERENCE_FAILED, model.id() + " gave " + output.data().length
          + " values where " + model.dimensions() + " were expected (output-size).");
    }
    return Embedding.normalized(model.versionedId(), output.data());
  }

  @Override
  public void close() {
    session.close();
  }
}
