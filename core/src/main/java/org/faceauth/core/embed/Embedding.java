package org.faceauth.core.embed;

import java.util.Arrays;
import java.util.Objects;

/**
 * An L2-normalised face embedding and the model that made it.
 *
 * @param modelId the versioned model id ({@link EmbeddingModel#versionedId()})
 * @param vector unit-length values; copied in and out, so the record stays immutable
 */
public record Embedding(String modelId, float[] vector) {
  public Embedding {
    Objects.requireNonNull(modelId, "modelId");
    vector = vector.clone();
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (vector.length == 0 || Math.abs(norm - 1.0) > 1e-3) {
      throw new IllegalArgumentException("embedding must be L2-normalised (norm² = " + norm + ")");
    }
  }

  /** A copy of {@code raw} scaled to unit length. */
  public static Embedding normalized(String modelId, float[] raw) {
    double norm = 0;
    for (float v : raw) {
      norm += (double) v * v;
    }
    norm = Math.sqrt(norm);
    if (norm == 0 || Double.isNaN(norm)) {
      throw new IllegalArgumentException("cannot normalise a zero or NaN vector");
    }
    float[] unit = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      unit[i] = (float) (raw[i] / norm);
    }
    return new Embedding(modelId, unit);
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  public int dimensions() {
    return vector.length;
  }

  /**
   * Cosine similarity in [-1, 1].
   *
   * @throws EmbeddingMismatchException if the two were made by different models
   */
  public double cosine(Embedding other) {
    if (!modelId.equals(other.modelId) || vector.length != other.vector.length) {
      throw new EmbeddingMismatchException(modelId, other.modelId);
    }
    double dot = 0;
    for (int i = 0; i < vector.length; i++) {
      dot += vector[i] * other.vector[i];
    }
    return dot;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e && modelId.equals(e.modelId) && Arrays.equals(vector, e.vector);
  }

  @Override
  public int hashCode() {
    return 31 * modelId.hashCode() + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[" + modelId + ", " + vector.length + "-d]";
  }
}
