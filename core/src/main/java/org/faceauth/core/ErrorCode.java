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
  EMBEDDING_MODEL_MISMATCH(Family.MODEL),
  /** A user id is not {@code [A-Za-z0-9._-]{1,64}} (or is {@code .} or {@code ..}). */
  INVALID_USER_ID(Family.INVALID_REQUEST),
  /** A request is malformed (no images, too many images, a bad parameter). */
  INVALID_REQUEST(Family.INVALID_REQUEST),
  /** No user with this id is enrolled. */
  USER_NOT_FOUND(Family.NOT_FOUND),
  /** The user has templates, but none made by the embedding model in use (re-enroll after a model change). */
  NO_TEMPLATES_FOR_MODEL(Family.CONFLICT),
  /** The user exists but has no enrolled face yet (created, never enrolled). */
  USER_NOT_ENROLLED(Family.CONFLICT),
  /** Every enrollment image was refused (each image's reason is given). */
  ENROLLMENT_REJECTED(Family.REJECTED),
  /** A challenge nonce that was never issued here or was already used (a replay). */
  CHALLENGE_UNKNOWN(Family.CONFLICT),
  /** A challenge nonce whose time ran out. */
  CHALLENGE_EXPIRED(Family.REJECTED),
  /** Enrollment needs the person's recorded consent and none is recorded or given in the request. */
  CONSENT_REQUIRED(Family.REJECTED),
  /** A user with this id already exists. */
  USER_EXISTS(Family.CONFLICT),
  /** The face already belongs to another enrolled user (one person, one account). */
  DUPLICATE_FACE(Family.CONFLICT),
  /** An invitation for a user who already has templates, without the operator's explicit choice to replace them. */
  USER_ALREADY_ENROLLED(Family.CONFLICT),
  /** Pictures that must show one person (an invitation's enrollment) show more than one. */
  FACES_DIFFER(Family.REJECTED),
  /** The database cannot be reached or refused an operation. */
  STORE_FAILED(Family.STORAGE),
  /** A stored template was encrypted with a key that is not configured. */
  TEMPLATE_KEY_MISSING(Family.STORAGE),
  /** A stored template does not decrypt with the configured key (wrong key or tampered row). */
  TEMPLATE_KEY_MISMATCH(Family.STORAGE),
  /** A file under dataset/ could not be read or written. */
  DATASET_IO_FAILED(Family.STORAGE),
  /** A backup file is not a FaceAuth database this version can restore (corrupt, not SQLite, unknown schema). */
  BACKUP_INVALID(Family.INVALID_REQUEST);

  /** Groups of codes that share one handling (exit code, HTTP status family). */
  public enum Family {
    INVALID_IMAGE,
    MODEL,
    /** The caller sent something malformed. */
    INVALID_REQUEST,
    /** The thing asked for does not exist. */
    NOT_FOUND,
    /** The request clashes with stored data. */
    CONFLICT,
    /** Well-formed, but the images were not good enough. */
    REJECTED,
    /** Persistence failed (database, keys, files). */
    STORAGE
  }

  private final Family family;

  ErrorCode(Family family) {
    this.family = family;
  }

  public Family family() {
    return family;
  }
}
