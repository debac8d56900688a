package app.meet.platform.events;

import java.util.Map;
import java.util.Set;

/**
 * The event types each topic carries, as its producer publishes them. A consumer refuses
 * any other type on a topic it knows as an event it can never apply (a producer newer
 * than the consumer, a record put on the wrong topic): it goes to the dead-letter topic
 * instead of being dropped unseen. Topics not named here are not checked.
 */
public final class EventTypes {

	private static final Map<String, Set<String>> BY_TOPIC = Map.of("auth.events",
			Set.of("meet.user.registered", "meet.user.updated"), "meeting.events",
			Set.of("meet.meeting.created", "meet.meeting.updated", "meet.meeting.started", "meet.meeting.ended",
					"meet.participant.joined", "meet.participant.left", "meet.participant.removed",
					"meet.participant.updated"),
			"recording.events", Set.of("meet.recording.started", "meet.recording.stopped"), "chat.events",
			Set.of("meet.chat.message.created"));

	private EventTypes() {
	}

	/**
	 * @throws EventEnvelope.InvalidEventException unless the topic carries the type
	 */
	static void requireKnown(String topic, String type) {
		Set<String> known = BY_TOPIC.get(topic);
		if (known != null && !known.contains(type)) {
			throw new EventEnvelope.InvalidEventException("Unknown event type " + type + " on " + topic);
		}
	}

}
