package app.meet.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import app.meet.events.EventTopic.EventType;
import app.meet.events.EventTopics;
import app.meet.events.MeetEvent;
import app.meet.platform.tracing.TraceContext;

/**
 * A fact a service publishes on Kafka. Produced inside the transaction that makes the
 * change, recorded in the outbox (the event publication registry) and externalized from
 * there: the record's value is {@link #event()} as JSON, on its topic, keyed by its
 * subject, with the CloudEvents attributes and the trace context as headers.
 */
public interface DomainEvent {

	/**
	 * Unique and fixed when the event is created, so every delivery carries the same id.
	 */
	String eventId();

	/** When the change happened. */
	Instant occurredAt();

	/**
	 * The trace context the event was made in, sent with it whenever it leaves the
	 * outbox; null in events recorded before contexts were kept.
	 */
	@Nullable TraceContext trace();

	/** The event as its consumers read it: one of the shared contracts. */
	MeetEvent event();

	/** The event's type and version, such as {@code meet.user.registered} 1. */
	default EventType<?> eventType() {
		return EventTopics.typeOf(event());
	}

	default String topic() {
		return EventTopics.topicOf(event()).name();
	}

	/** The meeting or user the event is about: the record's key. */
	default String subject() {
		return event().subject().toString();
	}

}
