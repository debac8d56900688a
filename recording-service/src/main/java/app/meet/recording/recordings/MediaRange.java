package app.meet.recording.recordings;

/**
 * The part of the media a request asks for: a single {@code Range: bytes=...}, or all of
 * it. Several ranges, or a header that is not a byte range, get all of it (RFC 9110 lets
 * a server ignore {@code Range}); a range that starts past the end is unsatisfiable.
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 * @param partial whether to answer 206
 */
record MediaRange(long first, long last, boolean partial) {

	private static final String UNIT = "bytes=";

	long length() {
		return this.last - this.first + 1;
	}

	String contentRange(long size) {
		return "bytes " + this.first + "-" + this.last + "/" + size;
	}

	/**
	 * Reads the header as RFC 9110 writes it: the unit in any case, positions of ASCII
	 * digits only (no sign, no other script's digits), positions past what a {@code long}
	 * holds still beyond the end.
	 * @param header the {@code Range} header, or {@code null}
	 * @param size the media's size, at least 1
	 * @throws Unsatisfiable when no byte of the range exists
	 */
	static MediaRange of(String header, long size) {
		MediaRange whole = new MediaRange(0, size - 1, false);
		if (header == null || !header.regionMatches(true, 0, UNIT, 0, UNIT.length()) || header.indexOf(',') >= 0) {
			return whole;
		}
		String spec = header.substring(UNIT.length()).strip();
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return whole;
		}
		String from = spec.substring(0, dash).strip();
		String to = spec.substring(dash + 1).strip();
		if (from.isEmpty()) {
			long suffix = position(to);
			if (suffix < 0) {
				return whole;
			}
			if (suffix == 0) {
				throw new Unsatisfiable(size);
			}
			return new MediaRange(Math.max(0, size - suffix), size - 1, true);
		}
		long first = position(from);
		long last = to.isEmpty() ? Long.MAX_VALUE : position(to);
		if (first < 0 || last < first) {
			return whole;
		}
		if (first >= size) {
			throw new Unsatisfiable(size);
		}
		return new MediaRange(first, Math.min(last, size - 1), true);
	}

	/**
	 * A position: one or more ASCII digits, {@link Long#MAX_VALUE} when larger.
	 * @return the position, or -1 when it is none
	 */
	private static long position(String digits) {
		if (digits.isEmpty()) {
			return -1;
		}
		long value = 0;
		for (int at = 0; at < digits.length(); at++) {
			char digit = digits.charAt(at);
			if (digit < '0' || digit > '9') {
				return -1;
			}
			value = (value > (Long.MAX_VALUE - 9) / 10) ? Long.MAX_VALUE : value * 10 + (digit - '0');
		}
		return value;
	}

	/** 416: no byte of the range exists. */
	static class Unsatisfiable extends RuntimeException {

		private final long size;

		Unsatisfiable(long size) {
			super("No byte of the range is in the media (" + size + " bytes)", null, false, false);
			this.size = size;
		}

		String contentRange() {
			return "bytes */" + this.size;
		}

	}

}
