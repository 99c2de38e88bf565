package org.faceauth.server.security;

/**
 * The two roles an API key can have, and the role of an enrollment invitation's holder (which no key has), as Spring
 * Security role names.
 */
final class Roles {
  static final String ADMIN = "ADMIN";
  static final String APP = "APP";
  static final String INVITEE = "INVITEE";
  static final String ADMIN_AUTHORITY = "ROLE_" + ADMIN;
  static final String APP_AUTHORITY = "ROLE_" + APP;
  static final String INVITEE_AUTHORITY = "ROLE_" + INVITEE;

  private Roles() {}
}
