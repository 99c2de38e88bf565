package org.faceauth.core.user;

/** Whether a user may authenticate. */
public enum UserStatus {
  /** Enrolled and allowed to log in. */
  ACTIVE,
  /** Kept, but every verification is refused. */
  DISABLED
}
