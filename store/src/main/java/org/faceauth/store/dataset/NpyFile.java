package org.faceauth.store.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0) for 2-D little-endian float32 arrays, as {@code numpy.save} writes them
 * and {@code numpy.load} reads them: magic, a Python-dict header padded to a multiple of 64 bytes, then the rows in C
 * order.
 */
public final class NpyFile {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), }\\s*");

  private NpyFile() {}

  /** The bytes of a {@code rows × columns} float32 array. */
  public static byte[] encode(float[][] rows) {
    int columns = rows.length == 0 ? 0 : rows[0].length;
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + columns + "), }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + header.length() + rows.length * columns * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    for (float[] row : rows) {
      if (row.length != columns) {
        throw new IllegalArgumentException("rows of different lengths: " + row.length + " and " + columns);
      }
      for (float v : row) {
        out.putFloat(v);
      }
    }
    return out.array();
  }

  /**
   * Reads a 2-D float32 array written by {@link #encode} or by {@code numpy.save}.
   *
   * @throws IOException if the file is not such an array
   */
  public static float[][] read(Path file) throws IOException {
    return decode(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads the bytes of a 2-D float32 array written by {@link #encode} or by {@code numpy.save}; {@code source} names
   * them in error messages.
   *
   * @throws IOException if the bytes are not such an array
   */
  public static float[][] decode(byte[] bytes, String source) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (!in.hasRemaining() || in.get() != b) {
        throw new IOException(source + " is not a NumPy 1.0 .npy file");
      }
    }
    if (in.remaining() < Short.BYTES) {
      throw new IOException(source + " is truncated");
    }
    int headerLength = Short.toUnsignedInt(in.getShort());
    if (headerLength > in.remaining()) {
      throw new IOException(source + " is truncated");
    }
    byte[] header = new byte[headerLength];
    in.get(header);
    Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
    if (!m.matches()) {
      throw new IOException(source + " does not hold a 2-D little-endian float32 array");
    }
    long rows = dimension(m.group(1));
    long columns = dimension(m.group(2));
    if (rows > Integer.MAX_VALUE || columns > Integer.MAX_VALUE || (columns == 0 && rows > 0)) {
      throw new IOException(source + " declares a shape with no columns or over 2^31 rows or columns");
    }
    if (rows * columns * Float.BYTES != in.remaining()) {
      throw new IOException(source + " has " + in.remaining() + " data bytes, not " + rows + "×" + columns + " floats");
    }
    float[][] out = new float[(int) rows][(int) columns];
    for (float[] row : out) {
      for (int c = 0; c < columns; c++) {
        row[c] = in.getFloat();
      }
    }
    return out;
  }

  /** A shape entry as a number, or {@link Long#MAX_VALUE} when it has more digits than any real shape. */
  private static long dimension(String digits) {
    return digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  /** Writes {@code rows} to {@code file}. */
  public static void write(Path file, float[][] rows) throws IOException {
    Files.write(file, encode(rows));
  }
}
