/**
 * Image input: magic-byte format detection, size limits checked from the header before decoding, EXIF orientation,
 * and normalisation of every decodable image to upright 8-bit BGR ({@link org.faceauth.core.image.BgrImage}).
 */
package org.faceauth.core.image;
