package org.faceauth.store.keys;

/** What an API key may do. */
public enum ApiKeyRole {
  /** Apps: verify, identify, detect, crop. */
  APP,
  /** Operators: everything apps may, plus managing users, enrolling and erasing. */
  ADMIN
}
