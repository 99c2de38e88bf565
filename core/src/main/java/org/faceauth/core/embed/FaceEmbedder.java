package org.faceauth.core.embed;

import org.faceauth.core.align.AlignedFace;

/** Turns an aligned face into an L2-normalised embedding. Thread-safe; {@link #close()} frees the model. */
public interface FaceEmbedder extends AutoCloseable {
  /** The model this embedder runs. */
  EmbeddingModel model();

  /**
   * The embedding of {@code face}.
   *
   * @throws org.faceauth.core.model.ModelException if inference fails
   */
  Embedding embed(AlignedFace face);

  @Override
  void close();
}
