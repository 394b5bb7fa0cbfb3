package dev.postern.server.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Client networks allowed to relay over SMTP without AUTH, as CIDRs ({@code 10.0.0.0/8},
 * {@code ::1/128}). Empty by default: every client must authenticate. Never an open relay.
 */
public record TrustedNetworks(List<String> cidrs) {

    public static final TrustedNetworks NONE = new TrustedNetworks(List.of());

    public TrustedNetworks {
        cidrs = List.copyOf(cidrs);
        cidrs.forEach(TrustedNetworks::parse);
    }

    public boolean contains(InetAddress address) {
        return cidrs.stream().anyMatch(cidr -> matches(cidr, address));
    }

    private static boolean matches(String cidr, InetAddress address) {
        Network network = parse(cidr);
        byte[] candidate = address.getAddress();
        if (candidate.length != network.address().length) {
            return false;
        }
        int bits = candidate.length * 8;
        BigInteger mask = BigInteger.ONE
                .shiftLeft(bits)
                .subtract(BigInteger.ONE)
                .shiftRight(network.prefix())
                .not()
                .and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network.address()).and(mask));
    }

    /**
     * True when {@code cidr} covers more than a /8 of IPv4 or a /16 of IPv6 outside the unique-local
     * range {@code fc00::/7}: trusting it would open the relay to much of the internet, so the
     * configuration asks for an explicit opt-in.
     *
     * @throws IllegalArgumentException when {@code cidr} is not an address/prefix
     */
    public static boolean isWide(String cidr) {
        Network network = parse(cidr);
        if (network.address().length == 4) {
            return network.prefix() < 8;
        }
        boolean uniqueLocal = network.prefix() >= 7 && (network.address()[0] & 0xfe) == 0xfc;
        return network.prefix() < 16 && !uniqueLocal;
    }

    private record Network(byte[] address, int prefix) {}

    private static Network parse(String cidr) {
        String[] parts = cidr.split("/", 2);
        try {
            // Only literal addresses: a host name here would make the check depend on DNS.
            if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException(
                        "trusted_networks entry must be an address/prefix, but was '" + cidr + "'");
            }
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int max = address.length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException(
                        "trusted_networks prefix must be in 0.." + max + ", but was " + prefix);
            }
            return new Network(address, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("trusted_networks entry is not a CIDR: '" + cidr + "'");
        }
    }
}
