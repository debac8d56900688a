package app.meet.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventEnvelopeTests {

	private final EventEnvelope envelope = new EventEnvelope("5f0c1a52-3c0e-4a43-9f0e-1d2b8e1b7a10", "meeting-service",
			"meet.participant.joined", Instant.parse("2026-11-24T10:15:30.123Z"),
			"9f0e3c55-6a55-4d1b-9e4c-1a2b3c4d5e6f");

	@Test
	void writesTheCloudEventsBinaryModeHeaders() {
		Headers headers = this.envelope.toKafkaHeaders();
		assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
		assertThat(text(headers, "ce_id")).isEqualTo("5f0c1a52-3c0e-4a43-9f0e-1d2b8e1b7a10");
		assertThat(text(headers, "ce_source")).isEqualTo("meeting-service");
		assertThat(text(headers, "ce_type")).isEqualTo("meet.participant.joined");
		assertThat(text(headers, "ce_time")).isEqualTo("2026-11-24T10:15:30.123Z");
		assertThat(text(headers, "ce_subject")).isEqualTo("9f0e3c55-6a55-4d1b-9e4c-1a2b3c4d5e6f");
		assertThat(text(headers, "content-type")).isEqualTo("application/json");
	}

	@Test
	void readsBackWhatItWrote() {
		assertThat(EventEnvelope.fromKafkaHeaders(this.envelope.toKafkaHeaders())).isEqualTo(this.envelope);
	}

	@Test
	void rejectsHeadersWithoutAnId() {
		Headers headers = this.envelope.toKafkaHeaders();
		headers.remove("ce_id");
		assertThatExceptionOfType(EventEnvelope.InvalidEventException.class)
			.isThrownBy(() -> EventEnvelope.fromKafkaHeaders(headers))
			.withMessageContaining("id");
	}

	@Test
	void rejectsAnotherSpecVersion() {
		Headers headers = this.envelope.toKafkaHeaders();
		headers.remove("ce_specversion");
		headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(EventEnvelope.InvalidEventException.class)
			.isThrownBy(() -> EventEnvelope.fromKafkaHeaders(headers))
			.withMessageContaining("0.3");
	}

	@Test
	void requiresEveryAttribute() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventEnvelope(" ", "meeting-service", "meet.meeting.created", Instant.now(), "x"));
	}

	private static String text(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
