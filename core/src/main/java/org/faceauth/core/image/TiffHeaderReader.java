package org.faceauth.core.image;

/**
 * Reads a TIFF's size and orientation from its first directory (the page the decoder reads). The decoder reads a tiled
 * TIFF one tile at a time into a buffer of the declared tile size, so a tile larger than both the image and
 * {@value #MAX_OVERSIZED_TILE_PIXELS} pixels is refused: a small file must not declare a huge buffer.
 */
final class TiffHeaderReader implements HeaderReader {
  static final long MAX_OVERSIZED_TILE_PIXELS = 1L << 20;

  @Override
  public ImageHeader read(ByteReader in) {
    TiffDirectory ifd0 =
        TiffDirectory.read(in, 0, in.length()).orElseThrow(() -> in.corrupt("its first directory is unreadable"));
    long width = ifd0.value(TiffDirectory.IMAGE_WIDTH).orElse(0L);
    long height = ifd0.value(TiffDirectory.IMAGE_LENGTH).orElse(0L);
    if (width == 0 || height == 0) {
      throw in.corrupt("it does not state the image size");
    }
    long tileWidth = ifd0.value(TiffDirectory.TILE_WIDTH).orElse(0L);
    long tileLength = ifd0.value(TiffDirectory.TILE_LENGTH).orElse(0L);
    long tilePixels = tileWidth * tileLength;
    if (tilePixels > width * height && tilePixels > MAX_OVERSIZED_TILE_PIXELS) {
      throw in.corrupt("its tiles of " + tileWidth + "×" + tileLength + " pixels are larger than the image");
    }
    int orientation = ifd0.value(TiffDirectory.ORIENTATION).filter(o -> o >= 1 && o <= 8).orElse(1L).intValue();
    return new ImageHeader(width, height, orientation, 0, 1);
  }
}
