package org.faceauth.core.model;

/**
 * A model file a runtime can load: one of the catalogue's ({@link ModelFile}) or one an operator describes in the
 * models folder ({@link ModelDescriptor}). Either way its bytes are checked against a sha256 before use.
 */
public interface ModelSource {
  /** Its path relative to the models folder, for messages and metrics, e.g. {@code mtcnn/onet.onnx}. */
  String relativePath();

  /** A version tag derived from the content: the first 12 hex digits of its sha256. */
  String version();

  /**
   * The verified bytes.
   *
   * @throws ModelException if the file is missing, too large or its sha256 differs
   */
  byte[] bytes(ModelDirectory directory);
}
