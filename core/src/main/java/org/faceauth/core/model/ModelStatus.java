package org.faceauth.core.model;

/** What was found for one model file: in the override folder when it holds the file, else in the bundled set. */
public enum ModelStatus {
  VERIFIED,
  MISSING,
  WRONG_CHECKSUM
}
