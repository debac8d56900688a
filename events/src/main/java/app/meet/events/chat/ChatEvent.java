package app.meet.events.chat;

import java.util.UUID;

import app.meet.events.MeetEvent;

/**
 * The events on {@code chat.events}, keyed by the meeting's id; published by
 * chat-service.
 */
public sealed interface ChatEvent extends MeetEvent {

	/**
	 * {@code meet.chat.message.created}: a message was posted, a file shared, or a system
	 * message written.
	 */
	record MessageCreated(Message message) implements ChatEvent {

		@Override
		public UUID subject() {
			return this.message.meetingId();
		}

	}

}
