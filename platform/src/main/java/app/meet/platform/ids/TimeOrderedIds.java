package app.meet.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): the first 48 bits are the creation time in milliseconds,
 * the rest random. A service that learns of new things through events can then tell an id
 * made a moment ago, whose news may still be on its way, from one that was never made.
 */
public final class TimeOrderedIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration CLOCK_LEEWAY = Duration.ofSeconds(1);

	private TimeOrderedIds() {
	}

	/** A new id, made now. */
	public static UUID newId(Clock clock) {
		long millis = clock.millis();
		long random = RANDOM.nextLong();
		long mostSignificant = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
		long leastSignificant = (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/** When a version 7 id was made; empty for any other id. */
	public static Optional<Instant> createdAt(UUID id) {
		if (id.version() != 7 || id.variant() != 2) {
			return Optional.empty();
		}
		return Optional.of(Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16));
	}

	/**
	 * Whether the id is time-ordered and was made within {@code recently} of now (with a
	 * second's leeway for clocks that differ between machines).
	 */
	public static boolean isRecent(UUID id, Duration recently, Clock clock) {
		Instant now = clock.instant();
		return createdAt(id)
			.filter((created) -> created.isAfter(now.minus(recently).minus(CLOCK_LEEWAY))
					&& created.isBefore(now.plus(CLOCK_LEEWAY)))
			.isPresent();
	}

}
