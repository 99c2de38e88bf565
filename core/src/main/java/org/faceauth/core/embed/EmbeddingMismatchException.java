package org.faceauth.core.embed;

import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/** Two embeddings from different models (or model versions) were compared; their scores would mean nothing. */
public final class EmbeddingMismatchException extends FaceAuthException {
  private static final long serialVersionUID = 1L;

  public EmbeddingMismatchException(String first, String second) {
    super(
        ErrorCode.EMBEDDING_MODEL_MISMATCH,
        "Embeddings of different models cannot be compared: " + first + " vs " + second
            + ". Re-enroll the templates with the current model.");
  }
}
