package org.faceauth.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes the {@code .npy} reader ({@code rebuild} reads these files from the data directory) with arbitrary bytes,
 * seeded with arrays written by NumPy itself: each input is either read as an array whose size matches its data, or
 * refused with an {@link IOException}; any other exception or an OutOfMemoryError is a finding.
 */
class NpyFileFuzzTest {
  @FuzzTest
  void decode(byte[] bytes) {
    try {
      float[][] rows = NpyFile.decode(bytes, "fuzz.npy");
      long floats = 0;
      for (float[] row : rows) {
        assertThat(row).hasSameSizeAs(rows[0]);
        floats += row.length;
      }
      assertThat(floats * Float.BYTES).isLessThanOrEqualTo(bytes.length);
      assertThat(rows.length).isLessThanOrEqualTo(bytes.length);
    } catch (IOException refused) {
      assertThat(refused.getMessage()).startsWith("fuzz.npy");
    }
  }
}
