package org.faceauth.core.detect;

import java.util.List;
import org.faceauth.core.image.BgrImage;

/**
 * Finds faces, each with a box, a score and five landmarks. Implementations load their models once and are
 * thread-safe; {@link #close()} frees them.
 */
public interface FaceDetector extends AutoCloseable {
  /** Which detector this is. */
  DetectorKind kind();

  /**
   * All faces in {@code image}, highest score first; empty when there is none.
   *
   * @throws org.faceauth.core.model.ModelException if inference fails
   */
  List<DetectedFace> detect(BgrImage image);

  @Override
  void close();
}
