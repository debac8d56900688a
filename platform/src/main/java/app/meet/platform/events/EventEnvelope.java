package app.meet.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents 1.0 attributes of an event on Kafka, carried as headers in binary
 * content mode ({@code ce_specversion}, {@code ce_id}, {@code ce_source},
 * {@code ce_type}, {@code ce_time}, {@code ce_subject}, {@code content-type}); the
 * record's value is the JSON data. The id is chosen when the change is committed, so a
 * redelivered event keeps it and consumers can ignore ids they have already applied.
 *
 * @param id unique per event, the same on every delivery
 * @param source the producing service, for example {@code meeting-service}
 * @param type for example {@code meet.participant.joined}
 * @param time when the change happened
 * @param subject the meeting or user the event is about
 */
public record EventEnvelope(String id, String source, String type, Instant time, String subject) {

	public static final String SPEC_VERSION = "1.0";

	public static final String CONTENT_TYPE = "application/json";

	static final String SPEC_VERSION_HEADER = "ce_specversion";

	static final String ID_HEADER = "ce_id";

	static final String SOURCE_HEADER = "ce_source";

	static final String TYPE_HEADER = "ce_type";

	static final String TIME_HEADER = "ce_time";

	static final String SUBJECT_HEADER = "ce_subject";

	static final String CONTENT_TYPE_HEADER = "content-type";

	public EventEnvelope {
		requireText(id, "id");
		requireText(source, "source");
		requireText(type, "type");
		Objects.requireNonNull(time, "time");
		requireText(subject, "subject");
	}

	public Headers toKafkaHeaders() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(SPEC_VERSION_HEADER, bytes(SPEC_VERSION));
		headers.add(ID_HEADER, bytes(this.id));
		headers.add(SOURCE_HEADER, bytes(this.source));
		headers.add(TYPE_HEADER, bytes(this.type));
		headers.add(TIME_HEADER, bytes(this.time.toString()));
		headers.add(SUBJECT_HEADER, bytes(this.subject));
		headers.add(CONTENT_TYPE_HEADER, bytes(CONTENT_TYPE));
		return headers;
	}

	/**
	 * Reads the attributes of a consumed record.
	 * @throws InvalidEventException when a required attribute is missing or malformed
	 */
	public static EventEnvelope fromKafkaHeaders(Headers headers) {
		String specVersion = text(headers, SPEC_VERSION_HEADER);
		if (!SPEC_VERSION.equals(specVersion)) {
			throw new InvalidEventException("Unsupported CloudEvents spec version: " + specVersion);
		}
		try {
			return new EventEnvelope(text(headers, ID_HEADER), text(headers, SOURCE_HEADER), text(headers, TYPE_HEADER),
					Instant.parse(Objects.requireNonNull(text(headers, TIME_HEADER), "time")),
					text(headers, SUBJECT_HEADER));
		}
		catch (NullPointerException | IllegalArgumentException | DateTimeParseException ex) {
			throw new InvalidEventException("Invalid CloudEvents headers: " + ex.getMessage());
		}
	}

	/**
	 * The envelope of a consumed record, whose type must be one its topic carries
	 * ({@link EventTypes}).
	 * @throws InvalidEventException for headers that are no CloudEvent of a known type
	 */
	public static EventEnvelope fromKafkaRecord(ConsumerRecord<?, ?> record) {
		EventEnvelope envelope = fromKafkaHeaders(record.headers());
		EventTypes.requireKnown(record.topic(), envelope.type());
		return envelope;
	}

	private static String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
	}

	/** A consumed record that does not carry valid CloudEvents attributes. */
	public static class InvalidEventException extends RuntimeException {

		public InvalidEventException(String message) {
			super(message);
		}

	}

}
