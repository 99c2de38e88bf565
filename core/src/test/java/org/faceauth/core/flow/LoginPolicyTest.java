package org.faceauth.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limit across networks is a ceiling above the per-network limit, with the same window and lock. */
class LoginPolicyTest {
  private static final Duration MINUTES_15 = Duration.ofMinutes(15);

  @Test
  void theDefaultLetsFourNetworksFailFiveTimesEachBeforeTheIdIsLockedForEveryone() {
    assertThat(LoginPolicy.DEFAULT.maxFailures()).isEqualTo(5);
    assertThat(LoginPolicy.DEFAULT.maxFailuresAcrossNetworks()).isEqualTo(20);
  }

  @Test
  void theLimitAcrossNetworksIsNeverBelowTheLimitOfOne() {
    assertThatThrownBy(() -> new LoginPolicy(5, MINUTES_15, MINUTES_15, true, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFailuresAcrossNetworks");
  }

  @Test
  void acrossNetworksCountsUpToTheCeilingInTheSameWindowAndLock() {
    LoginPolicy policy = new LoginPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(30), false, 12);

    LoginPolicy ceiling = policy.acrossNetworks();

    assertThat(ceiling.maxFailures()).isEqualTo(12);
    assertThat(ceiling.window()).isEqualTo(policy.window());
    assertThat(ceiling.lock()).isEqualTo(policy.lock());
  }
}
