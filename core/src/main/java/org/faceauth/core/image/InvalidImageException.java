package org.faceauth.core.image;

import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * The bytes handed to FaceAuth are not a usable image: empty, too large, truncated, not an image, or too small. The
 * {@link #code()} says which; the message says it in words a person can act on.
 */
public final class InvalidImageException extends FaceAuthException {
  private static final long serialVersionUID = 1L;

  public InvalidImageException(ErrorCode code, String message) {
    super(code, message);
    if (code.family() != ErrorCode.Family.INVALID_IMAGE) {
      throw new IllegalArgumentException("not an image error code: " + code);
    }
  }
}
