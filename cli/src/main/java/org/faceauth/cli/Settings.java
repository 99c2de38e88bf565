package org.faceauth.cli;

import org.faceauth.server.config.ServerSettings;

/**
 * The {@code FACEAUTH_*} environment variables, bound once per process exactly as {@code faceauth serve} binds them:
 * the defaults of the engine and store options, so that the command line and the server read one configuration.
 */
final class Settings {
  private Settings() {}

  private static final class Holder {
    static final ServerSettings ENVIRONMENT = ServerSettings.fromEnvironment(System.getenv());
  }

  /** The settings given in this process's environment. */
  static ServerSettings environment() {
    return Holder.ENVIRONMENT;
  }
}
