package org.faceauth.server.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.faceauth.core.ErrorCode;
import org.faceauth.core.FaceAuthException;
import org.faceauth.server.config.ServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The links' address: {@code FACEAUTH_PUBLIC_URL} without its trailing slash, else localhost on the server's port; an
 * address that is not plain http(s) stops the server at start.
 */
class PublicUrlTest {
  private static PublicUrl of(Map<String, String> environment, MockEnvironment spring) {
    return new PublicUrl(ServerSettings.fromEnvironment(environment), spring);
  }

  @Test
  void theConfiguredAddressCarriesTheSecretInTheFragment() {
    PublicUrl url = of(Map.of("FACEAUTH_PUBLIC_URL", "https://faceauth.example.org/"), new MockEnvironment());
    assertThat(url.enrollment("inv_abc")).isEqualTo("https://faceauth.example.org/enroll#inv_abc");
  }

  @Test
  void withoutOneTheLinkPointsAtThisServersPort() {
    assertThat(of(Map.of(), new MockEnvironment()).base()).isEqualTo("http://localhost:8080");
    assertThat(of(Map.of(), new MockEnvironment().withProperty("server.port", "9000")).base())
        .isEqualTo("http://localhost:9000");
    assertThat(of(Map.of(), new MockEnvironment().withProperty("server.port", "0")
        .withProperty("local.server.port", "43210")).base()).isEqualTo("http://localhost:43210");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://faceauth.example.org", "https://faceauth.example.org/?x=1", "faceauth.example.org",
      "https://faceauth.example.org/#frag", "javascript:alert(1)"})
  void anAddressThatIsNotPlainHttpIsRefused(String configured) {
    assertThatThrownBy(() -> of(Map.of("FACEAUTH_PUBLIC_URL", configured), new MockEnvironment()))
        .isInstanceOfSatisfying(FaceAuthException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }
}
