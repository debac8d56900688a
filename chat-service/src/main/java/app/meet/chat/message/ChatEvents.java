package app.meet.chat.message;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.meet.platform.events.DomainEvent;

/** What chat-service tells the others on {@code chat.events}, keyed by meeting id. */
sealed interface ChatEvents extends DomainEvent {

	@Override
	default String topic() {
		return "chat.events";
	}

	/** A message was posted, a file shared or a system message written. */
	record MessageCreated(String eventId, Instant occurredAt, MessageResponse message) implements ChatEvents {

		MessageCreated(MessageResponse message) {
			this(UUID.randomUUID().toString(), message.createdAt(), message);
		}

		@Override
		public String eventType() {
			return "meet.chat.message.created";
		}

		@Override
		public String subject() {
			return this.message.meetingId().toString();
		}

		@Override
		public Object data() {
			return Map.of("message", this.message);
		}

	}

}
