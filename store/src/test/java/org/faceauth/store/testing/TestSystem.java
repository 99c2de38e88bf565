package org.faceauth.store.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.faceauth.core.flow.FaceAuthService;
import org.faceauth.core.flow.LoginPolicy;
import org.faceauth.core.liveness.LivenessPolicy;
import org.faceauth.core.testing.TestData;
import org.faceauth.store.FaceAuthSystem;
import org.faceauth.store.StoreSettings;

/**
 * A FaceAuth system on a fresh database of one backend, with its data directory in a temporary folder. Can open
 * more systems (nodes) on the same database. Closing it closes them and drops the database.
 */
public final class TestSystem implements AutoCloseable {
  private final Backend backend;
  private final StoreSettings settings;
  private final List<FaceAuthSystem> open = new ArrayList<>();
  private final FaceAuthSystem main;

  public TestSystem(BackendKind kind, Path folder) {
    this(kind, folder, settings -> settings);
  }

  public TestSystem(BackendKind kind, Path folder, java.util.function.UnaryOperator<StoreSettings> adjust) {
    this.backend = kind.create(folder);
    this.settings = adjust.apply(StoreSettings.embedded(folder.resolve("data")).withDatabaseUrl(backend.url()));
    this.main = open(settings);
  }

  public FaceAuthSystem system() {
    return main;
  }

  public FaceAuthService service() {
    return main.service();
  }

  public StoreSettings settings() {
    return settings;
  }

  public Backend backend() {
    return backend;
  }

  /**
   * Another system (another node) on the same database and settings. Liveness is reported, not enforced: the storage
   * tests verify with press photos (photos of photos), which is what they test identity on, not liveness.
   */
  public FaceAuthSystem open(StoreSettings with) {
    FaceAuthSystem system =
        FaceAuthSystem.open(with, TestData.engine(), Clock.systemUTC(), LivenessPolicy.REPORT_ONLY, LoginPolicy.DEFAULT);
    open.add(system);
    return system;
  }

  @Override
  public void close() {
    for (FaceAuthSystem system : open) {
      system.close();
    }
    backend.drop();
  }
}
