package org.faceauth.core.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The detectors FaceAuth ships, by the names used in configuration and on the command line. */
public enum DetectorKind {
  /** MTCNN P-Net → R-Net → O-Net: slowest, most accurate landmarks; the default for enrollment. */
  MTCNN,
  /** YuNet: fast single-shot detector with landmarks; the default for verification. */
  YUNET,
  /** OpenCV's Haar frontal-face cascade for boxes, MTCNN O-Net for landmarks. */
  HAAR,
  /** MediaPipe BlazeFace short-range for boxes, MTCNN O-Net for landmarks. */
  BLAZEFACE;

  /** The lowercase configuration name, e.g. {@code yunet}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DetectorKind parse(String name) {
    for (DetectorKind kind : values()) {
      if (kind.id().equalsIgnoreCase(name.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown detector '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(DetectorKind::id).collect(Collectors.joining(", ")));
  }
}
