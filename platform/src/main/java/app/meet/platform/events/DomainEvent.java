package app.meet.platform.events;

import java.time.Instant;

/**
 * A fact a service publishes on Kafka. Produced inside the transaction that makes the
 * change, recorded in the outbox (the event publication registry) and externalized from
 * there: the record's value is {@link #data()} as JSON, keyed by {@link #subject()}, with
 * the CloudEvents attributes as headers.
 */
public interface DomainEvent {

	/**
	 * Unique and fixed when the event is created, so every delivery carries the same id.
	 */
	String eventId();

	/** For example {@code meet.user.registered}. */
	String eventType();

	/** The topic, for example {@code auth.events}. */
	String topic();

	/** The meeting or user the event is about; also the record key. */
	String subject();

	Instant occurredAt();

	/** The record's value, for example {@code {"user": {...}}}. */
	Object data();

}
