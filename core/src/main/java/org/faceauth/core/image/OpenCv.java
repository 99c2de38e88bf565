package org.faceauth.core.image;

/** Loads OpenCV's native library (bundled in the {@code org.openpnp:opencv} jar) once per JVM. */
public final class OpenCv {
  private static volatile boolean loaded;

  private OpenCv() {}

  /** Makes sure the native library is loaded; cheap after the first call. Thread-safe. */
  public static void load() {
    if (!loaded) {
      synchronized (OpenCv.class) {
        if (!loaded) {
          nu.pattern.OpenCV.loadLocally();
          loaded = true;
        }
      }
    }
  }
}
