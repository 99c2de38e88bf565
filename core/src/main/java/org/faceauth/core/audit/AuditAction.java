package org.faceauth.core.audit;

/** What was done. */
public enum AuditAction {
  ENROLL,
  VERIFY,
  IDENTIFY,
  ERASE,
  ROTATE_KEY,
  REBUILD
}
