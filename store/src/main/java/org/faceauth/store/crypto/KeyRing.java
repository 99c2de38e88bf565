package org.faceauth.store.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * The AES-256 keys templates are encrypted with: the current key (used for every new encryption) and older ones still
 * needed to decrypt rows not yet re-encrypted. A key's id is derived from the key itself (a truncated SHA-256 under a
 * fixed label), so a row's key id tells whether the configured key is the one that encrypted it. Immutable.
 */
public final class KeyRing {
  /** AES-256 key length in bytes. */
  public static final int KEY_BYTES = 32;

  private final String currentId;
  private final Map<String, SecretKey> keys;

  private KeyRing(String currentId, Map<String, SecretKey> keys) {
    this.currentId = currentId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * A ring from raw keys, the first being the current one.
   *
   * @throws FaceAuthException {@link ErrorCode#TEMPLATE_KEY_MISSING} if there is no key or one is not 32 bytes
   */
  public static KeyRing of(List<byte[]> rawKeys) {
    if (rawKeys.isEmpty()) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING, "No template encryption key is configured.");
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (byte[] raw : rawKeys) {
      if (raw.length != KEY_BYTES) {
        throw new FaceAuthException(
            ErrorCode.TEMPLATE_KEY_MISSING,
            "A template key must be " + KEY_BYTES + " bytes (base64 of 32 random bytes), got " + raw.length + ".");
      }
      keys.put(idOf(raw), new SecretKeySpec(raw, "AES"));
    }
    return new KeyRing(idOf(rawKeys.get(0)), keys);
  }

  /** A ring holding one key given as base64 (the {@code FACEAUTH_TEMPLATE_KEY} setting). */
  public static KeyRing ofBase64(String base64) {
    try {
      return of(List.of(Base64.getDecoder().decode(base64.strip())));
    } catch (IllegalArgumentException e) {
      throw new FaceAuthException(ErrorCode.TEMPLATE_KEY_MISSING, "The template key is not valid base64.", e);
    }
  }

  /** 32 fresh random bytes. */
  public static byte[] newRawKey() {
    byte[] raw = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(raw);
    return raw;
  }

  /** The id of the key new encryptions use. */
  public String currentId() {
    return currentId;
  }

  public SecretKey current() {
    return keys.get(currentId);
  }

  /** The key with this id, if the ring holds it. */
  public Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** Every key id, the current one first. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    ids.add(currentId);
    keys.keySet().stream().filter(id -> !id.equals(currentId)).sorted().forEach(ids::add);
    return ids;
  }

  /** A ring with {@code raw} as the new current key, keeping the others for decryption. */
  public KeyRing withNewCurrent(byte[] raw) {
    KeyRing added = of(List.of(raw));
    Map<String, SecretKey> all = new LinkedHashMap<>(keys);
    all.put(added.currentId, added.current());
    return new KeyRing(added.currentId, all);
  }

  /** A ring holding only the current key. */
  public KeyRing currentOnly() {
    return new KeyRing(currentId, Map.of(currentId, current()));
  }

  /** {@code k} followed by 12 hex digits of SHA-256("faceauth-template-key" ‖ key). */
  static String idOf(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("faceauth-template-key".getBytes(StandardCharsets.US_ASCII));
      return "k" + HexFormat.of().formatHex(sha.digest(raw)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
