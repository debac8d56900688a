package app.meet.recording.recordings;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChunksTests {

	@Test
	void aBrowsersRecordingTypeIsTakenAsSentWithItsCodecs() {
		assertThat(Chunks.mediaType(" video/webm;codecs=vp8,opus ")).isEqualTo("video/webm;codecs=vp8,opus");
		assertThat(Chunks.mediaType("AUDIO/MP4")).isEqualTo("AUDIO/MP4");
		assertThat(Chunks.baseType("Video/WebM; codecs=vp9")).isEqualTo("video/webm");
	}

	@Test
	void anyOtherTypeIsRefusedAs415() {
		for (String type : List.of("image/png", "", "video/webm\u0000", "video/webm;" + "x".repeat(300))) {
			assertThatExceptionOfType(RecordingException.class).as(type)
				.isThrownBy(() -> Chunks.mediaType(type))
				.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(415));
		}
		assertThatExceptionOfType(RecordingException.class).isThrownBy(() -> Chunks.mediaType(null));
	}

	@Test
	void aBodyWithinTheLimitIsSpooledWhole() throws Exception {
		Path chunk = Chunks.spool(new ByteArrayInputStream(new byte[100_000]), 100_000);
		try {
			assertThat(Files.size(chunk)).isEqualTo(100_000);
		}
		finally {
			Files.delete(chunk);
		}
	}

	@Test
	void aBodyPastTheLimitIsRefusedAs413AndLeavesNoFile() throws Exception {
		long before = spooledFiles();
		assertThatExceptionOfType(RecordingException.class)
			.isThrownBy(() -> Chunks.spool(new ByteArrayInputStream(new byte[100_001]), 100_000))
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(413));
		assertThat(spooledFiles()).isEqualTo(before);
	}

	private static long spooledFiles() throws Exception {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("recording-chunk-")).count();
		}
	}

}
