package org.faceauth.cli;

import org.faceauth.core.detect.DetectorKind;
import java.util.Arrays;
import org.faceauth.core.embed.EmbeddingModel;
import org.faceauth.core.evaluation.DatasetHalf;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/** Option converters whose failures are usage errors (exit 2) naming the accepted values. */
final class Converters {
  private Converters() {}

  static final class Detector implements ITypeConverter<DetectorKind> {
    @Override
    public DetectorKind convert(String value) {
      try {
        return DetectorKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Embedder implements ITypeConverter<EmbeddingModel> {
    @Override
    public EmbeddingModel convert(String value) {
      try {
        return EmbeddingModel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Half implements ITypeConverter<DatasetHalf> {
    @Override
    public DatasetHalf convert(String value) {
      return Arrays.stream(DatasetHalf.values()).filter(h -> h.name().equalsIgnoreCase(value)).findFirst()
          .orElseThrow(() -> new CommandLine.TypeConversionException(
              "'" + value + "' is not a half; use all, calibration or check."));
    }
  }
}
