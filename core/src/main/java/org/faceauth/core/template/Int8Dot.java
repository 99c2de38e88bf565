package org.faceauth.core.template;

/**
 * The dot product of an int8 row with an int8 query (widened to shorts) in int arithmetic: the inner loop of
 * {@link TemplateIndex}'s quantised scan. The fastest kernel the JVM offers is chosen once: SIMD through the JDK's
 * vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code faceauth} launcher does),
 * else a plain loop. Both give the same integer. Thread-safe.
 */
interface Int8Dot {
  /** {@code sum(codes[base + i] * query[i])} for {@code i < query.length}. */
  int dot(byte[] codes, int base, short[] query);

  /** A short name for reports ({@code vector-api} or {@code scalar}). */
  String name();

  /** The vector-API kernel when the incubator module is present, else the scalar one. */
  static Int8Dot fastest() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? new VectorInt8Dot()
        : new ScalarInt8Dot();
  }
}
