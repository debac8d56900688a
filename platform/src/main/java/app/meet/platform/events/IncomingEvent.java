package app.meet.platform.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import app.meet.events.EventTopic;
import app.meet.events.EventTopic.EventType;
import app.meet.events.MeetEvent;

/**
 * A consumed record, read into the typed event its topic and type name say it is. A
 * record that no consumer of this version could apply (a type the topic does not carry, a
 * newer version of a type, data that does not read) is refused with an exception the
 * error handler sends straight to the dead-letter topic, never skipped unseen.
 *
 * @param <E> the topic's family of events
 * @param envelope the CloudEvents attributes
 * @param event the event
 */
public record IncomingEvent<E extends MeetEvent>(EventEnvelope envelope, E event) {

	private static final String SCHEMA_PREFIX = "urn:meet:event:";

	/** One line per event read, in the consumer's trace. */
	private static final Logger log = LoggerFactory.getLogger(IncomingEvent.class);

	/**
	 * Reads a record of the topic.
	 * @throws EventEnvelope.InvalidEventException for a record that is no event this
	 * service can read
	 * @throws tools.jackson.core.JacksonException for data that is not the type's JSON
	 */
	public static <E extends MeetEvent> IncomingEvent<E> read(ConsumerRecord<String, String> record,
			EventTopic<E> topic, JsonMapper json) {
		EventEnvelope envelope = EventEnvelope.fromKafkaHeaders(record.headers());
		EventType<? extends E> type = topic.type(envelope.type())
			.orElseThrow(() -> new EventEnvelope.InvalidEventException(
					"Unknown event type " + envelope.type() + " on " + record.topic()));
		int version = version(envelope, type);
		if (version > type.version()) {
			throw new EventEnvelope.InvalidEventException(
					type.name() + " version " + version + " is newer than this service reads (" + type.version() + ")");
		}
		IncomingEvent<E> incoming = new IncomingEvent<>(envelope, json.readValue(record.value(), type.record()));
		log.info("Received {} {} of {} from {}-{}@{}", envelope.type(), envelope.id(), envelope.subject(),
				record.topic(), record.partition(), record.offset());
		return incoming;
	}

	private static int version(EventEnvelope envelope, EventType<?> type) {
		if (envelope.dataSchema() == null) {
			return 1;
		}
		String prefix = SCHEMA_PREFIX + type.name() + ":";
		if (!envelope.dataSchema().startsWith(prefix)) {
			throw new EventEnvelope.InvalidEventException(
					"Data schema " + envelope.dataSchema() + " is not one of " + type.name());
		}
		try {
			return Integer.parseInt(envelope.dataSchema().substring(prefix.length()));
		}
		catch (NumberFormatException ex) {
			throw new EventEnvelope.InvalidEventException("Data schema " + envelope.dataSchema() + " has no version");
		}
	}

}
