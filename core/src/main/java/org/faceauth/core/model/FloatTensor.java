package org.faceauth.core.model;

import java.util.Arrays;

/**
 * A dense float tensor in row-major order, as passed to and returned from a model.
 *
 * @param data the values (owned by the tensor; not copied, not to be modified by holders)
 * @param shape the dimensions
 */
public record FloatTensor(float[] data, long[] shape) {
  public FloatTensor {
    long size = 1;
    for (long dimension : shape) {
      size *= dimension;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
    }
  }

  /** Dimension {@code i} as an int. */
  public int dim(int i) {
    return Math.toIntExact(shape[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t && Arrays.equals(data, t.data) && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
