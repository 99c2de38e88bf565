package org.faceauth.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.image.BgrImage;
import org.faceauth.core.model.ImageTensors.ChannelOrder;
import org.faceauth.core.model.ImageTensors.Normalization;
import org.faceauth.core.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The vectorised tensor paths give the values of the plain per-pixel formula, in the asked channel order: exactly for
 * the normalisations whose mean and scale are exact in binary (raw pixels, fr_feature's), within one float rounding
 * for MobileFaceNet's per-channel ones.
 */
class ImageTensorsTest {
  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void chw_givesThePerPixelFormulasValues(ChannelOrder order) {
    try (BgrImage image = TestData.engine().decoder().decode(TestData.bytes("test/known_faces/Bill_Frist_1.jpg"))) {
      assertSameAsFormula(image.mat(), order, Normalization.NONE, 0f);
      assertSameAsFormula(image.mat(), order, EmbeddingModel.FR_FEATURE.normalization(), 0f);
      assertSameAsFormula(image.mat(), order, EmbeddingModel.MOBILEFACENET.normalization(), 1e-6f);
    }
  }

  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void chwPadded_isTheTensorOfTheImagePaddedWithBlack(ChannelOrder order) {
    try (BgrImage image = TestData.engine().decoder().decode(TestData.bytes("test/known_faces/Bill_Frist_1.jpg"))) {
      Mat padded = new Mat();
      try {
        Core.copyMakeBorder(image.mat(), padded, 0, 6, 0, 22, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
        for (Normalization norm : new Normalization[] {Normalization.NONE, Normalization.of(127f, 128f)}) {
          FloatTensor tensor =
              ImageTensors.chwPadded(image.mat(), order, norm, image.height() + 6, image.width() + 22);

          assertThat(tensor).isEqualTo(ImageTensors.chw(padded, order, norm));
        }
      } finally {
        padded.release();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void chwPaddedInto_writesTheSameValuesIntoADirectBuffer(ChannelOrder order) {
    try (BgrImage image = TestData.engine().decoder().decode(TestData.bytes("test/known_faces/Bill_Frist_1.jpg"))) {
      int height = image.height() + 6;
      int width = image.width() + 22;
      ByteBuffer buffer = ByteBuffer.allocateDirect(3 * height * width * Float.BYTES + 64).order(ByteOrder.nativeOrder());
      for (Normalization norm : new Normalization[] {Normalization.of(127f, 128f), Normalization.NONE}) {
        FloatBuffer written = ImageTensors.chwPaddedInto(image.mat(), order, norm, height, width, buffer);
        float[] values = new float[written.remaining()];
        written.get(values);

        assertThat(values).containsExactly(ImageTensors.chwPadded(image.mat(), order, norm, height, width).data());
      }
    }
  }

  private static void assertSameAsFormula(Mat bgr, ChannelOrder order, Normalization norm, float tolerance) {
    FloatTensor tensor = ImageTensors.chw(bgr, order, norm);
    float[] expected = new float[tensor.data().length];
    ImageTensors.writeChw(bgr, order, norm, expected, 0);

    assertThat(tensor.shape()).containsExactly(1, 3, bgr.rows(), bgr.cols());
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs(tensor.data()[i] - expected[i]) > tolerance) {
        assertThat(tensor.data()[i]).as("value %d", i).isCloseTo(expected[i], within(tolerance));
      }
    }
  }
}
