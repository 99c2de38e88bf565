package org.faceauth.core.template;

/** {@link Int8Dot} in plain Java, with four independent accumulators. */
final class ScalarInt8Dot implements Int8Dot {
  @Override
  public int dot(byte[] codes, int base, short[] query) {
    int d = query.length;
    int s0 = 0;
    int s1 = 0;
    int s2 = 0;
    int s3 = 0;
    int i = 0;
    for (; i <= d - 4; i += 4) {
      s0 += codes[base + i] * query[i];
      s1 += codes[base + i + 1] * query[i + 1];
      s2 += codes[base + i + 2] * query[i + 2];
      s3 += codes[base + i + 3] * query[i + 3];
    }
    for (; i < d; i++) {
      s0 += codes[base + i] * query[i];
    }
    return s0 + s1 + s2 + s3;
  }

  @Override
  public String name() {
    return "scalar";
  }
}
