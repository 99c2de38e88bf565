package org.faceauth.server.security;

/** The two roles an API key can have, as Spring Security role names. */
final class Roles {
  static final String ADMIN = "ADMIN";
  static final String APP = "APP";
  static final String ADMIN_AUTHORITY = "ROLE_" + ADMIN;
  static final String APP_AUTHORITY = "ROLE_" + APP;

  private Roles() {}
}
