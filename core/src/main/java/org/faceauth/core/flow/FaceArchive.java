package org.faceauth.core.flow;

import java.util.List;
import java.util.Optional;
import org.faceauth.core.user.UserId;

/**
 * Files kept about users outside the database: raw uploads (only while a retention period is set) and aligned debug
 * crops (only when switched on). An enrollment's files are first {@link #stage staged} under temporary names and made
 * visible only once its rows are stored, so files and rows are kept together or not at all. Thread-safe.
 */
public interface FaceArchive {
  /**
   * Writes what this archive keeps of one enrollment ({@code uploads} if raw retention is on, {@code crop} if crops are
   * wanted) under temporary names, synced to disk; nothing is visible under the user's names yet.
   *
   * @throws org.faceauth.core.FaceAuthException {@link org.faceauth.core.ErrorCode#DATASET_IO_FAILED} when a file
   *     cannot be written (every temporary file is deleted first)
   */
  Staged stage(UserId user, List<byte[]> uploads, Optional<byte[]> crop);

  /** Whether aligned crops are wanted (then the service passes one to {@link #stage}). */
  boolean wantsCrops();

  /** Deletes every file about {@code user}. */
  void erase(UserId user);

  /** The staged files of one enrollment. */
  interface Staged {
    /**
     * Gives the staged files their final names (atomic renames within their folders).
     *
     * @throws org.faceauth.core.FaceAuthException {@link org.faceauth.core.ErrorCode#DATASET_IO_FAILED}
     */
    void publish();

    /** Deletes the staged files, or the published ones when {@link #publish} ran; safe to call more than once. */
    void discard();

    /** Nothing staged. */
    Staged NOTHING =
        new Staged() {
          @Override
          public void publish() {}

          @Override
          public void discard() {}
        };
  }

  /** An archive that keeps nothing. */
  FaceArchive NONE =
      new FaceArchive() {
        @Override
        public Staged stage(UserId user, List<byte[]> uploads, Optional<byte[]> crop) {
          return Staged.NOTHING;
        }

        @Override
        public boolean wantsCrops() {
          return false;
        }

        @Override
        public void erase(UserId user) {}
      };
}
