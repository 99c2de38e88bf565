package org.faceauth.store.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.core.user.UserId;

/**
 * AES-256-GCM encryption of embedding vectors. The stored bytes are a 12-byte random nonce followed by the ciphertext
 * and its 16-byte tag. The template's id, its owner's user id and its model id are bound as associated data
 * ({@link Binding}), so a ciphertext copied onto another row, or a row moved to another user, fails to decrypt
 * instead of matching the wrong person. A cipher made with a source of its ring (the
 * key file) reads it again when a row names a key it does not hold, or when asked to ({@link #refresh}): after
 * another node or command rotated the key. Thread-safe.
 */
public final class TemplateCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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

  /**
   * What a template's ciphertext is bound to: the row's template id, the user who owns it and the model that made
   * the vector. Encoded as associated data in a versioned, length-prefixed layout, so no two different bindings give
   * the same bytes; the format tag keeps it apart from the layout before owners were bound (template id, newline,
   * model id). Thread-safe (immutable).
   */
  public record Binding(String templateId, UserId owner, String modelId) {
    private static final byte[] FORMAT = "faceauth-template-aad/v2".getBytes(StandardCharsets.US_ASCII);

    public Binding {
      Objects.requireNonNull(templateId, "templateId");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(modelId, "modelId");
    }

    /** The format tag, then each field as a 4-byte big-endian length and its UTF-8 bytes. */
    byte[] associatedData() {
      byte[][] fields = {utf8(templateId), utf8(owner.value()), utf8(modelId)};
      int size = FORMAT.length;
      for (byte[] field : fields) {
        size += Integer.BYTES + field.length;
      }
      ByteBuffer data = ByteBuffer.allocate(size).put(FORMAT);
      for (byte[] field : fields) {
        data.putInt(field.length).put(field);
      }
      return data.array();
    }

    private static byte[] utf8(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Encrypts {@code vector} under the current key, bound to {@code binding}. */
  public Sealed encrypt(float[] vector, Binding binding) {
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
      cipher.updateAAD(binding.associatedData());
      byte[] sealed = cipher.doFinal(plain.array());
      return new Sealed(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array(),
          current.currentId());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /**
   * Decrypts one stored vector, which must have been sealed for {@code binding}.
   *
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} when the ring lacks {@code keyId};
   *     {@link ErrorCode#TEMPLATE_KEY_MISMATCH} when the bytes do not authenticate under that key and binding (the
   *     key is wrong, or the row was altered, moved to another user or copied from another row)
   */
  public float[] decrypt(byte[] stored, String keyId, Binding binding) {
    return open(stored, keyId, binding.templateId(), binding.associatedData());
  }

  /**
   * Decrypts a vector sealed before owners were bound (template id and model id only). Only for rows that have never
   * been read as owner-bound: the one re-sealing of a database written before then, and the check of a backup taken
   * before then. Nothing that serves users reads through it. The template id must be a UUID as every template id
   * written is: old associated data then starts with a hex digit and can never be read as the tagged owner-bound
   * form, whatever an attacker writes into the id column.
   *
   * @throws FaceAuthException as {@link #decrypt}; {@link ErrorCode#TEMPLATE_KEY_MISMATCH} also for an id that is no
   *     UUID
   */
  public float[] decryptUnbound(byte[] stored, String keyId, String templateId, String modelId) {
    if (!UUID_FORM.matcher(templateId).matches()) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISMATCH, "A template row's id is not a template id: the "
          + "row was altered.");
    }
    return open(stored, keyId, templateId, (templateId + "\n" + modelId).getBytes(StandardCharsets.UTF_8));
  }

  private float[] open(byte[] stored, String keyId, String templateId, byte[] associatedData) {
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
      cipher.updateAAD(associatedData);
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
              + "altered (moved to another user or copied from another row).", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new FaceAuthException(
          ErrorCode.TEMPLATE_KEY_MISMATCH, "Template " + templateId + " is not a valid ciphertext.", e);
    }
  }
}
