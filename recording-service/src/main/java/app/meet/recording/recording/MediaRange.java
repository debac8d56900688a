package app.meet.recording.recording;

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

	long length() {
		return this.last - this.first + 1;
	}

	String contentRange(long size) {
		return "bytes " + this.first + "-" + this.last + "/" + size;
	}

	/**
	 * @param header the {@code Range} header, or {@code null}
	 * @param size the media's size, at least 1
	 * @throws Unsatisfiable when no byte of the range exists
	 */
	static MediaRange of(String header, long size) {
		MediaRange whole = new MediaRange(0, size - 1, false);
		if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
			return whole;
		}
		String spec = header.substring("bytes=".length()).strip();
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return whole;
		}
		try {
			String from = spec.substring(0, dash).strip();
			String to = spec.substring(dash + 1).strip();
			if (from.isEmpty()) {
				long suffix = Long.parseLong(to);
				if (suffix <= 0) {
					throw new Unsatisfiable(size);
				}
				return new MediaRange(Math.max(0, size - suffix), size - 1, true);
			}
			long first = Long.parseLong(from);
			if (first >= size) {
				throw new Unsatisfiable(size);
			}
			long last = to.isEmpty() ? size - 1 : Long.parseLong(to);
			if (first < 0 || last < first) {
				return whole;
			}
			return new MediaRange(first, Math.min(last, size - 1), true);
		}
		catch (NumberFormatException ex) {
			return whole;
		}
	}

	/** 416: no byte of the range exists. */
	static class Unsatisfiable extends RuntimeException {

		private final long size;

		Unsatisfiable(long size) {
			super("The range is beyond the media's end (" + size + " bytes)", null, false, false);
			this.size = size;
		}

		String contentRange() {
			return "bytes */" + this.size;
		}

	}

}
