package org.faceauth.core.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which people of a dataset to use, so that a threshold fitted on one half is checked on people it never saw. The
 * rule: a person is in the calibration half when the first byte of SHA-256 of their name (UTF-8) is even, else in the
 * check half. The name is the user id for enrolled users and their known faces, and the file stem without its
 * trailing {@code _NNNN} for unknown faces ({@code Afton_Smith_0001.jpg}: {@code Afton_Smith}), so every photo of one
 * person falls in one half.
 */
public enum DatasetHalf {
  /** Everyone. */
  ALL,
  /** People whose name hashes to an even first byte: the threshold is fitted on them. */
  CALIBRATION,
  /** People whose name hashes to an odd first byte: accuracy is asserted and reported on them. */
  CHECK;

  /** Whether the person with this name belongs to this half. */
  public boolean holds(String person) {
    return switch (this) {
      case ALL -> true;
      case CALIBRATION -> firstHashByte(person) % 2 == 0;
      case CHECK -> firstHashByte(person) % 2 == 1;
    };
  }

  private static int firstHashByte(String person) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(person.getBytes(StandardCharsets.UTF_8))[0] & 0xff;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
