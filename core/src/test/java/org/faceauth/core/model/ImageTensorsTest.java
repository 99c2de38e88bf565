package org.faceauth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OpenCV's blob path gives the values of the plain per-pixel formula, in the asked channel order. */
class ImageTensorsTest {
  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void chw_givesThePerPixelFormulasValues(ChannelOrder order) {
    try (BgrImage image = TestData.engine().decoder().decode(TestData.bytes("test/known_faces/Bill_Frist_1.jpg"))) {
      for (Normalization norm : new Normalization[] {Normalization.NONE, Normalization.of(127f, 128f)}) {
        FloatTensor tensor = ImageTensors.chw(image.mat(), order, norm);
        float[] expected = new float[tensor.data().length];
        ImageTensors.writeChw(image.mat(), order, norm, expected, 0);

        assertThat(tensor.shape()).containsExactly(1, 3, image.height(), image.width());
        for (int i = 0; i < expected.length; i += 97) {
          assertThat(tensor.data()[i]).as("value %d", i).isCloseTo(expected[i], within(1e-5f));
        }
      }
    }
  }
}
