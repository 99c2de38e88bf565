package org.faceauth.store.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * AES-256-GCM encryption of embedding vectors. The stored bytes are a 12-byte random nonce followed by the ciphertext
 * and its 16-byte tag. The template's id and model id are bound as associated data, so a ciphertext copied onto
 * another row fails to decrypt instead of matching the wrong person. A cipher made with a source of its ring (the
 * key file) reads it again when a row names a key it does not hold, or when asked to ({@link #refresh}): after
 * another node or command rotated the key. Thread-safe.
 */
public final class TemplateCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final Supplier<KeyRing> source;
  private volatile KeyRing ring;

  /** A cipher with a fixed ring (a key given directly, a backup's ring). */
  public TemplateCipher(KeyRing ring) {
    this(ring, () -> ring);
  }

  /**
   * @param ring the ring to start with
   * @param source reads the ring again (from the key file other nodes and commands rotate)
   */
  public TemplateCipher(KeyRing ring, Supplier<KeyRing> source) {
    this.ring = ring;
    this.source = source;
  }

  /**
   * Reads the ring from its source again and uses it from now on.
   *
   * @return the ring now in use
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} if the source cannot be read (the ring in use
   *     stays)
   */
  public synchronized KeyRing refresh() {
    KeyRing fresh = source.get();
    ring = fresh;
    return fresh;
  }

  public KeyRing ring() {
    return ring;
  }

  /** Switches to another ring (after a key rotation). */
  public void use(KeyRing newRing) {
    this.ring = newRing;
  }

  /** An encrypted vector and the id of the key that encrypted it. */
  public record Sealed(byte[] bytes, String keyId) {}

  public Sealed encrypt(float[] vector, String templateId, String modelId) {
    KeyRing current = ring;
    ByteBuffer plain = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      plain.putFloat(v);
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.current(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(templateId, modelId));
      byte[] sealed = cipher.doFinal(plain.array());
      return new Sealed(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array(),
          current.currentId());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /**
   * Decrypts one stored vector.
   *
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} when the ring lacks {@code keyId};
   *     {@link ErrorCode#TEMPLATE_KEY_MISMATCH} when the bytes do not authenticate under that key
   */
  public float[] decrypt(byte[] stored, String keyId, String templateId, String modelId) {
    KeyRing known = ring;
    if (known.key(keyId).isEmpty()) {
      known = refresh();
    }
    KeyRing configured = known;
    SecretKey key = configured.key(keyId).orElseThrow(() -> new FaceAuthException(
        ErrorCode.TEMPLATE_KEY_MISSING,
        "Template " + templateId + " was encrypted with key " + keyId + ", which is not configured (configured: "
            + configured.ids() + "). Set FACEAUTH_TEMPLATE_KEY or FACEAUTH_KEY_FILE to the key this database was "
            + "written with."));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(templateId, modelId));
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      ByteBuffer buffer = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
      float[] vector = new float[plain.length / Float.BYTES];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = buffer.getFloat();
      }
      return vector;
    } catch (AEADBadTagException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISMATCH,
          "Template " + templateId + " does not decrypt with key " + keyId + ": the key is wrong or the row was "
              + "altered.", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISMATCH, "Template " + templateId + " is not a valid ciphertext.", e);
    }
  }

  private static byte[] associatedData(String templateId, String modelId) {
    return (templateId + "\n" + modelId).getBytes(StandardCharsets.UTF_8);
  }
}
