package org.faceauth.core.embed;

import org.faceauth.core.align.AlignedFace;
import org.faceauth.core.model.FloatTensor;
import org.faceauth.core.model.ImageTensors;
import org.faceauth.core.model.InferenceModel;

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
    if (session.file() != model.file()) {
      throw new IllegalArgumentException(session.file() + " is not the model file of " + model);
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
    FloatTensor output = session.run(input).values().iterator().next();
    return Embedding.normalized(model.versionedId(), output.data());
  }

  @Override
  public void close() {
    session.close();
  }
}
