package org.faceauth.core.audit;

/** What was done. */
public enum AuditAction {
  CREATE_USER,
  ENROLL,
  VERIFY,
  IDENTIFY,
  ERASE,
  ROTATE_KEY,
  REBUILD,
  LOCKOUT,
  UNLOCK
}
