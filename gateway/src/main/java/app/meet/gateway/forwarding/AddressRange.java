package app.meet.gateway.forwarding;

import java.net.InetAddress;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), or a
 * single address.
 *
 * @param network the block's first address
 * @param prefixLength how many leading bits every address in the block shares
 */
record AddressRange(InetAddress network, int prefixLength) {

	public AddressRange {
		int bits = network.getAddress().length * 8;
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException("A prefix length must be 0 to " + bits + ", not " + prefixLength);
		}
	}

	/** Reads {@code 10.0.0.0/8} or {@code 10.1.2.3}; names only, no DNS lookup. */
	public static AddressRange of(String cidr) {
		String[] parts = cidr.strip().split("/", 2);
		InetAddress network;
		try {
			network = InetAddress.ofLiteral(parts[0]);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not an address or CIDR block: " + cidr, ex);
		}
		int prefixLength = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.getAddress().length * 8;
		return new AddressRange(network, prefixLength);
	}

	boolean contains(InetAddress address) {
		byte[] block = this.network.getAddress();
		byte[] candidate = address.getAddress();
		if (block.length != candidate.length) {
			return false;
		}
		int wholeBytes = this.prefixLength / 8;
		for (int i = 0; i < wholeBytes; i++) {
			if (block[i] != candidate[i]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (block[wholeBytes] & mask) == (candidate[wholeBytes] & mask);
	}

}
