package org.faceauth.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anonymous callers are counted per network: an IPv4 address, an IPv6 /64; anything else is one network. */
class ClientNetworkTest {
  private static String network(String address) {
    return ClientNetwork.of(Optional.of(address)).value();
  }

  @Test
  void anIpv4AddressIsItsOwnNetwork() {
    assertThat(network("198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(network("198.51.100.8")).isNotEqualTo(network("198.51.100.7"));
  }

  @Test
  void anIpv4MappedIpv6AddressIsTheIpv4Address() {
    assertThat(network("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void ipv6AddressesAreCountedByTheir64BitPrefix_howeverTheyAreWritten() {
    String network = network("2001:db8:1:2::10");
    assertThat(network).isEqualTo("2001:db8:1:2::/64");
    assertThat(network("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo(network);
    assertThat(network("[2001:db8:1:2:0:0:0:1]")).isEqualTo(network);
    assertThat(network("2001:db8:1:2::1%eth0")).isEqualTo(network);
    assertThat(network("2001:db8:1:3::10")).isNotEqualTo(network);
    assertThat(network("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "example.org", "deadbeef", "1.2.3", "256.1.1.1", "1.2.3.4.5", "::g",
      "1:2:3:4:5:6:7:8:9", "198.51.100.7, 203.0.113.9", "unknown", "a-very-long-text-a-proxy-forwarded-for-nothing"})
  void anythingButALiteralAddressIsTheOneUnparsedNetwork_neverLookedUp(String address) {
    assertThat(network(address)).isEqualTo(ClientNetwork.UNPARSED);
  }

  @Test
  void noAddressIsTheUnparsedNetworkToo() {
    assertThat(ClientNetwork.of(Optional.empty()).value()).isEqualTo(ClientNetwork.UNPARSED);
  }

  @Test
  void aNetworkIsWrittenOnlyInTheLedgersForm() {
    assertThatThrownBy(() -> new ClientNetwork("alice@198.51.100.7")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClientNetwork(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
