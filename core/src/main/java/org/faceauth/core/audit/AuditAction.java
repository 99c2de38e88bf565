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
  UNLOCK,
  DISABLE_USER,
  ENABLE_USER,
  CREATE_API_KEY,
  REVOKE_API_KEY,
  ROTATE_API_KEY,
  CREATE_OIDC_CLIENT,
  DELETE_OIDC_CLIENT
}
