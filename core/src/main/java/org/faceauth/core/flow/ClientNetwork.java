package org.faceauth.core.flow;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network an anonymous caller's attempts are counted under: an IPv4 address as it is, an IPv6 address by its /64
 * prefix (what one home or host is usually given, so that one machine cannot become 2^64 callers), an IPv4-mapped IPv6
 * address as its IPv4 address. Anything else (no address, a host name, text a misconfigured proxy forwarded) is the one
 * network {@value #UNPARSED}, so that changing such text never makes a fresh caller. Only literal addresses are parsed:
 * nothing is ever looked up in DNS. Immutable.
 *
 * @param value the network as written in the lockout ledger: {@code 198.51.100.7}, {@code 2001:db8:1:2::/64} or
 *     {@value #UNPARSED}
 */
public record ClientNetwork(String value) {
  /** The network of every address that is not a literal IPv4 or IPv6 address. */
  public static final String UNPARSED = "unparsed";

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern WRITTEN = Pattern.compile("[0-9a-f.:/]{7,24}|" + UNPARSED);
  private static final int IPV6_PREFIX_BYTES = 8;

  public ClientNetwork {
    if (value == null || !WRITTEN.matcher(value).matches()) {
      throw new IllegalArgumentException("not a client network as the ledger writes it");
    }
  }

  /** The network of {@code address} (a client address as the server sees it), {@value #UNPARSED} when it is none. */
  public static ClientNetwork of(Optional<String> address) {
    return address.flatMap(ClientNetwork::parse).map(ClientNetwork::network).orElse(new ClientNetwork(UNPARSED));
  }

  private static Optional<InetAddress> parse(String address) {
    String literal = address.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    try {
      var ipv4 = IPV4.matcher(literal);
      if (ipv4.matches()) {
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(ipv4.group(i + 1));
          if (octet > 255) {
            return Optional.empty();
          }
          octets[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(octets));
      }
      // Only hex digits, dots and at least one colon: the JDK parses it as an IPv6 literal or refuses it, and never
      // treats it as a host name to look up.
      if (IPV6.matcher(literal).matches() && literal.indexOf(':') >= 0) {
        return Optional.of(InetAddress.getByName(literal));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static ClientNetwork network(InetAddress address) {
    if (address instanceof Inet4Address) {
      return new ClientNetwork(address.getHostAddress());
    }
    byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
    Arrays.fill(prefix, IPV6_PREFIX_BYTES, 16, (byte) 0);
    StringBuilder network = new StringBuilder();
    for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
      network.append(Integer.toHexString(((prefix[i] & 0xff) << 8) | (prefix[i + 1] & 0xff))).append(':');
    }
    return new ClientNetwork(network.append(":/64").toString());
  }
}
