package org.faceauth.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;

/**
 * Fuzzes {@link UserId} parsing with arbitrary strings (the input read as UTF-8): an id is accepted exactly when {@link UserId#isValid} says so,
 * an accepted one is a safe file name, and a refusal is {@link ErrorCode#INVALID_USER_ID} with a message free of
 * control characters and of bounded length, whatever was sent.
 */
class UserIdFuzzTest {
  @FuzzTest
  void parse(byte[] utf8) {
    String value = new String(utf8, StandardCharsets.UTF_8);
    boolean valid = UserId.isValid(value);
    try {
      UserId id = UserId.of(value);
      assertThat(valid).isTrue();
      assertThat(id.value()).matches("[A-Za-z0-9._-]{1,64}").isNotIn(".", "..");
    } catch (FaceAuthException refused) {
      assertThat(valid).isFalse();
      assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_USER_ID);
      assertThat(refused.getMessage()).doesNotContainPattern("\\p{Cntrl}").hasSizeLessThan(300);
    }
  }
}
