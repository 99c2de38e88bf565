package org.faceauth.core.model;

import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * A model file is missing, corrupt, cannot be loaded, or failed to run. The message names the file, and for missing
 * or corrupt files its expected sha256 and where it comes from. An ONNX Runtime cause is kept.
 */
public final class ModelException extends FaceAuthException {
  private static final long serialVersionUID = 1L;

  public ModelException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ModelException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
    if (code.family() != ErrorCode.Family.MODEL) {
      throw new IllegalArgumentException("not a model error code: " + code);
    }
  }
}
