package app.meet.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The CloudEvents 1.0 attributes of an event on Kafka, carried as headers in binary
 * content mode ({@code ce_specversion}, {@code ce_id}, {@code ce_source},
 * {@code ce_type}, {@code ce_time}, {@code ce_subject}, {@code content-type}, and
 * {@code ce_dataschema} naming the version of the data); the record's value is the JSON
 * data. The id is chosen when the change is committed, so a redelivered event keeps it
 * and consumers can ignore ids they have already applied.
 *
 * @param id unique per event, the same on every delivery
 * @param source the producing service, for example {@code meeting-service}
 * @param type for example {@code meet.participant.joined}
 * @param time when the change happened
 * @param subject the meeting or user the event is about
 * @param dataSchema the type and version of the data, such as
 * {@code urn:meet:event:meet.participant.joined:1}; {@code null} when a producer did not
 * say, which means the first version
 */
public record EventEnvelope(String id, String source, String type, Instant time, String subject,
		@Nullable String dataSchema) {

	public static final String SPEC_VERSION = "1.0";

	public static final String CONTENT_TYPE = "application/json";

	static final String SPEC_VERSION_HEADER = "ce_specversion";

	static final String ID_HEADER = "ce_id";

	static final String SOURCE_HEADER = "ce_source";

	static final String TYPE_HEADER = "ce_type";

	static final String TIME_HEADER = "ce_time";

	static final String SUBJECT_HEADER = "ce_subject";

	static final String CONTENT_TYPE_HEADER = "content-type";

	static final String DATA_SCHEMA_HEADER = "ce_dataschema";

	public EventEnvelope {
		requireText(id, "id");
		requireText(source, "source");
		requireText(type, "type");
		Objects.requireNonNull(time, "time");
		requireText(subject, "subject");
	}

	/** An envelope whose data is of the type's first version. */
	public EventEnvelope(String id, String source, String type, Instant time, String subject) {
		this(id, source, type, time, subject, null);
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
		if (this.dataSchema != null) {
			headers.add(DATA_SCHEMA_HEADER, bytes(this.dataSchema));
		}
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
					text(headers, SUBJECT_HEADER), text(headers, DATA_SCHEMA_HEADER));
		}
		catch (NullPointerException | IllegalArgumentException | DateTimeParseException ex) {
			throw new InvalidEventException("Invalid CloudEvents headers: " + ex.getMessage());
		}
	}

	private static @Nullable String text(Headers headers, String name) {
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
