package org.faceauth.core.align;

import org.faceauth.core.detect.Landmarks;
import org.faceauth.core.image.BgrImage;

/** Warps a detected face onto a fixed landmark template so that embedders see faces in one canonical pose. */
public interface FaceAligner {
  /** The aligned crop of the face with {@code landmarks} in {@code image}. Thread-safe. */
  AlignedFace align(BgrImage image, Landmarks landmarks);
}
