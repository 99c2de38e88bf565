package org.faceauth.core.model;

/** What was found for one model file in a models directory. */
public enum ModelStatus {
  VERIFIED,
  MISSING,
  WRONG_CHECKSUM
}
