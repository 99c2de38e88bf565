package org.faceauth.core.template;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Int8Dot} with the JDK's vector API: 16 codes at a time widened to shorts, multiplied (an int8 product fits a
 * short), widened to ints and accumulated. About four times the scalar loop's speed on AVX2. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorInt8Dot implements Int8Dot {
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;

  @Override
  public int dot(byte[] codes, int base, short[] query) {
    int d = query.length;
    IntVector acc = IntVector.zero(INTS);
    int i = 0;
    for (; i <= d - BYTES.length(); i += BYTES.length()) {
      ShortVector row = (ShortVector) ByteVector.fromArray(BYTES, codes, base + i)
          .convertShape(VectorOperators.B2S, SHORTS, 0);
      ShortVector product = row.mul(ShortVector.fromArray(SHORTS, query, i));
      acc = acc.add(product.convertShape(VectorOperators.S2I, INTS, 0))
          .add(product.convertShape(VectorOperators.S2I, INTS, 1));
    }
    int sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < d; i++) {
      sum += codes[base + i] * query[i];
    }
    return sum;
  }

  @Override
  public String name() {
    return "vector-api";
  }
}
