package org.faceauth.core.flow;

import java.util.List;
import org.faceauth.core.user.UserId;

/**
 * Files kept about users outside the database: raw uploads (only while a retention period is set) and aligned debug
 * crops (only when switched on). Thread-safe.
 */
public interface FaceArchive {
  /** Keeps the enrollment uploads of {@code user} if raw retention is on; otherwise does nothing. */
  void keepUploads(UserId user, List<byte[]> images);

  /** Whether aligned crops are wanted (then the service calls {@link #keepCrop}). */
  boolean wantsCrops();

  /** Stores the aligned face of {@code user}, JPEG-encoded. */
  void keepCrop(UserId user, byte[] jpeg);

  /** Deletes every file about {@code user}. */
  void erase(UserId user);

  /** An archive that keeps nothing. */
  FaceArchive NONE =
      new FaceArchive() {
        @Override
        public void keepUploads(UserId user, List<byte[]> images) {}

        @Override
        public boolean wantsCrops() {
          return false;
        }

        @Override
        public void keepCrop(UserId user, byte[] jpeg) {}

        @Override
        public void erase(UserId user) {}
      };
}
