package app.meet.events;

import java.util.List;
import java.util.Optional;

import app.meet.events.EventTopic.EventType;
import app.meet.events.auth.UserEvent;
import app.meet.events.chat.ChatEvent;
import app.meet.events.meeting.MeetingEvent;
import app.meet.events.recording.RecordingEvent;

/**
 * Every topic and every event type on it, with its version. Adding a member to an event's
 * data keeps its version; anything an older consumer could not read (a member removed,
 * renamed or given another type or meaning) is a new version, which older consumers send
 * to the dead-letter topic instead of misreading.
 */
public final class EventTopics {

	public static final EventTopic<UserEvent> AUTH = EventTopic.of("auth.events", UserEvent.class,
			new EventType<>("meet.user.registered", 1, UserEvent.Registered.class),
			new EventType<>("meet.user.updated", 1, UserEvent.Updated.class));

	public static final EventTopic<MeetingEvent> MEETING = EventTopic.of("meeting.events", MeetingEvent.class,
			new EventType<>("meet.meeting.created", 1, MeetingEvent.Created.class),
			new EventType<>("meet.meeting.started", 1, MeetingEvent.Started.class),
			new EventType<>("meet.meeting.updated", 1, MeetingEvent.Updated.class),
			new EventType<>("meet.meeting.ended", 1, MeetingEvent.Ended.class),
			new EventType<>("meet.participant.joined", 1, MeetingEvent.ParticipantJoined.class),
			new EventType<>("meet.participant.left", 1, MeetingEvent.ParticipantLeft.class),
			new EventType<>("meet.participant.updated", 1, MeetingEvent.ParticipantUpdated.class),
			new EventType<>("meet.participant.removed", 1, MeetingEvent.ParticipantRemoved.class));

	public static final EventTopic<ChatEvent> CHAT = EventTopic.of("chat.events", ChatEvent.class,
			new EventType<>("meet.chat.message.created", 1, ChatEvent.MessageCreated.class));

	public static final EventTopic<RecordingEvent> RECORDING = EventTopic.of("recording.events", RecordingEvent.class,
			new EventType<>("meet.recording.started", 1, RecordingEvent.Started.class),
			new EventType<>("meet.recording.stopped", 1, RecordingEvent.Stopped.class));

	public static final List<EventTopic<?>> ALL = List.of(AUTH, MEETING, CHAT, RECORDING);

	private EventTopics() {
	}

	/** The topic an event is published on. */
	public static EventTopic<?> topicOf(MeetEvent event) {
		return ALL.stream()
			.filter((topic) -> topic.family().isInstance(event))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(event.getClass() + " belongs to no topic"));
	}

	/** The type an event is published as. */
	public static EventType<?> typeOf(MeetEvent event) {
		return typeOf(topicOf(event), event);
	}

	private static <E extends MeetEvent> EventType<?> typeOf(EventTopic<E> topic, MeetEvent event) {
		return topic.typeOf(topic.family().cast(event));
	}

	/** The topic of this name, if Meet publishes one. */
	public static Optional<EventTopic<?>> named(String name) {
		return ALL.stream().filter((topic) -> topic.name().equals(name)).findFirst();
	}

}
