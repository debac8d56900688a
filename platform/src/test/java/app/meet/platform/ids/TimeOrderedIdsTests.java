package app.meet.platform.ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTests {

	private static final Instant NOW = Instant.parse("2026-12-06T10:15:30.123Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void anIdIsAVersion7UuidThatTellsWhenItWasMade() {
		UUID id = TimeOrderedIds.newId(this.clock);

		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(TimeOrderedIds.createdAt(id)).hasValue(NOW);
		assertThat(UUID.fromString(id.toString())).isEqualTo(id);
	}

	@Test
	void idsMadeAtOneMomentDiffer() {
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(TimeOrderedIds.newId(this.clock));
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void onlyATimeOrderedIdMadeWithinTheWindowIsRecent() {
		Duration window = Duration.ofSeconds(3);
		assertThat(TimeOrderedIds.isRecent(TimeOrderedIds.newId(this.clock), window, this.clock)).isTrue();
		Clock later = Clock.offset(this.clock, Duration.ofSeconds(10));
		assertThat(TimeOrderedIds.isRecent(TimeOrderedIds.newId(this.clock), window, later)).isFalse();
		Clock earlier = Clock.offset(this.clock, Duration.ofSeconds(-10));
		assertThat(TimeOrderedIds.isRecent(TimeOrderedIds.newId(this.clock), window, earlier)).as("made in the future")
			.isFalse();
		assertThat(TimeOrderedIds.isRecent(UUID.randomUUID(), window, this.clock)).isFalse();
		assertThat(TimeOrderedIds.createdAt(UUID.randomUUID())).isEmpty();
	}

}
