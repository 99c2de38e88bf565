package org.faceauth.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.faceauth.core.model.ModelFile;

/**
 * The shipped MobileFaceNet plugged in as an operator plugs in a custom embedder: its bytes as {@code mfn.onnx} in a
 * models folder and a descriptor {@code NAME.properties} beside them, so tests of described models in every module
 * write the same files.
 */
public final class DescribedMobileFaceNet {
  /** The name the descriptor gives the model ({@code --model}, {@code FACEAUTH_ENGINE_MODEL}). */
  public static final String NAME = "described_mobilefacenet";

  private DescribedMobileFaceNet() {}

  /** A descriptor of MobileFaceNet claiming {@code sha256} for its file, with no threshold. */
  public static String descriptor(String sha256) {
    return """
        # MobileFaceNet (foamliu), as an operator would describe it
        kind=embedder
        file=mfn.onnx
        sha256=%s
        input-size=112x112
        colour-order=rgb
        mean=123.675,116.28,103.53
        std=58.395,57.12,57.375
        output-size=128
        """.formatted(sha256);
  }

  /** Writes MobileFaceNet's bytes and {@code descriptor} into {@code folder}; returns {@code folder}. */
  public static Path write(Path folder, String descriptor) throws IOException {
    Files.write(folder.resolve("mfn.onnx"), TestData.models().bytes(ModelFile.MOBILEFACENET));
    Files.writeString(folder.resolve(NAME + ".properties"), descriptor);
    return folder;
  }
}
