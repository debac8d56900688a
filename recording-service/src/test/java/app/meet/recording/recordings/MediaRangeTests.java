package app.meet.recording.recordings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MediaRangeTests {

	private static final long SIZE = 1000;

	@Test
	void noHeaderIsAllOfIt() {
		assertThat(MediaRange.of(null, SIZE)).isEqualTo(new MediaRange(0, 999, false));
	}

	@Test
	void singleRanges() {
		assertThat(MediaRange.of("bytes=0-99", SIZE)).isEqualTo(new MediaRange(0, 99, true));
		assertThat(MediaRange.of("bytes=500-", SIZE)).isEqualTo(new MediaRange(500, 999, true));
		assertThat(MediaRange.of("bytes=-100", SIZE)).isEqualTo(new MediaRange(900, 999, true));
		assertThat(MediaRange.of("bytes=-5000", SIZE)).isEqualTo(new MediaRange(0, 999, true));
		assertThat(MediaRange.of("bytes=990-5000", SIZE)).isEqualTo(new MediaRange(990, 999, true));
		assertThat(MediaRange.of("bytes=990-5000", SIZE).contentRange(SIZE)).isEqualTo("bytes 990-999/1000");
		assertThat(MediaRange.of("bytes=990-5000", SIZE).length()).isEqualTo(10);
		assertThat(MediaRange.of("Bytes= 10 - 19 ", SIZE)).isEqualTo(new MediaRange(10, 19, true));
	}

	@Test
	void positionsLargerThanALongAreStillPositions() {
		assertThat(MediaRange.of("bytes=0-99999999999999999999999", SIZE)).isEqualTo(new MediaRange(0, 999, true));
		assertThat(MediaRange.of("bytes=-99999999999999999999999", SIZE)).isEqualTo(new MediaRange(0, 999, true));
		assertThatExceptionOfType(MediaRange.Unsatisfiable.class)
			.isThrownBy(() -> MediaRange.of("bytes=99999999999999999999999-", SIZE));
	}

	@Test
	void whatIsNotOneByteRangeGetsAllOfIt() {
		MediaRange whole = new MediaRange(0, 999, false);
		assertThat(MediaRange.of("bytes=0-1,5-6", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("items=0-1", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=abc-", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=50-10", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=7", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=+5-10", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=0x5-10", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=\uFF15-10", SIZE)).as("a fullwidth digit").isEqualTo(whole);
		assertThat(MediaRange.of("bytes=--5", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=-", SIZE)).isEqualTo(whole);
		assertThat(MediaRange.of("bytes=2000-100", SIZE)).isEqualTo(whole);
	}

	@Test
	void rangesBeyondTheEndAreUnsatisfiable() {
		assertThatExceptionOfType(MediaRange.Unsatisfiable.class).isThrownBy(() -> MediaRange.of("bytes=1000-", SIZE))
			.satisfies((ex) -> assertThat(ex.contentRange()).isEqualTo("bytes */1000"));
		assertThatExceptionOfType(MediaRange.Unsatisfiable.class).isThrownBy(() -> MediaRange.of("bytes=-0", SIZE));
	}

}
