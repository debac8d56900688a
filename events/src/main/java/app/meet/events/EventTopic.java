package app.meet.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A topic and the event types it carries: for each, the CloudEvents type name, its
 * version and the record it is read into.
 *
 * @param <E> the topic's sealed family of events
 * @param name the Kafka topic
 * @param family the sealed interface every event on the topic implements
 * @param types the topic's types by name
 */
public record EventTopic<E extends MeetEvent>(String name, Class<E> family, Map<String, EventType<? extends E>> types) {

	public EventTopic {
		types = Map.copyOf(types);
	}

	@SafeVarargs
	static <E extends MeetEvent> EventTopic<E> of(String name, Class<E> family, EventType<? extends E>... types) {
		Map<String, EventType<? extends E>> byName = new LinkedHashMap<>();
		for (EventType<? extends E> type : types) {
			byName.put(type.name(), type);
		}
		return new EventTopic<>(name, family, byName);
	}

	/** The type of the named events on this topic, if it carries them. */
	public Optional<EventType<? extends E>> type(String typeName) {
		return Optional.ofNullable(this.types.get(typeName));
	}

	/** The type an event of this topic is published as. */
	public EventType<? extends E> typeOf(E event) {
		return this.types.values()
			.stream()
			.filter((type) -> type.record() == event.getClass())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(event.getClass() + " is no event of " + this.name));
	}

	public Set<String> typeNames() {
		return this.types.keySet();
	}

	/**
	 * One event type.
	 *
	 * @param <T> the record it is read into
	 * @param name the CloudEvents type, such as {@code meet.meeting.created}
	 * @param version the version of its data; a change that old consumers could not read
	 * is a new version
	 * @param record the record its data is read into
	 */
	public record EventType<T>(String name, int version, Class<T> record) {

		/**
		 * The CloudEvents {@code dataschema} naming the type's data and version, such as
		 * {@code urn:meet:event:meet.meeting.created:1}.
		 */
		public String dataSchema() {
			return "urn:meet:event:" + this.name + ":" + this.version;
		}

	}

}
