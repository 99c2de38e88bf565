package org.faceauth.core;

/**
 * Stable failure codes. Their names are part of FaceAuth's public contract (CLI JSON, HTTP problem details): add new
 * ones, never rename existing ones.
 */
public enum ErrorCode {
  /** The input had no bytes at all. */
  IMAGE_EMPTY(Family.INVALID_IMAGE),
  /** The input is larger than the configured byte limit. */
  IMAGE_TOO_LARGE(Family.INVALID_IMAGE),
  /** The header declares more pixels than the configured limit; nothing was decoded. */
  IMAGE_TOO_MANY_PIXELS(Family.INVALID_IMAGE),
  /** The image is too small to hold a usable face. */
  IMAGE_TOO_SMALL(Family.INVALID_IMAGE),
  /** The bytes are not an image format FaceAuth decodes. */
  IMAGE_UNSUPPORTED_FORMAT(Family.INVALID_IMAGE),
  /** The file ends before the image data does. */
  IMAGE_TRUNCATED(Family.INVALID_IMAGE),
  /** The header or the pixel data cannot be decoded. */
  IMAGE_CORRUPT(Family.INVALID_IMAGE),
  /** A model file is not in the models directory. */
  MODEL_MISSING(Family.MODEL),
  /** A model file is there but its sha256 is not the expected one. */
  MODEL_CHECKSUM_MISMATCH(Family.MODEL),
  /** The model file could not be loaded by its runtime. */
  MODEL_LOAD_FAILED(Family.MODEL),
  /** Running a loaded model failed. */
  MODEL_INFERENCE_FAILED(Family.MODEL),
  /** Two embeddings made by different models (or versions) were compared. */
  EMBEDDING_MODEL_MISMATCH(Family.MODEL);

  /** Groups of codes that share one handling (exit code, HTTP status family). */
  public enum Family {
    INVALID_IMAGE,
    MODEL
  }

  private final Family family;

  ErrorCode(Family family) {
    this.family = family;
  }

  public Family family() {
    return family;
  }
}
