package app.meet.events;

import java.util.UUID;

/**
 * An event one Meet service tells the others over Kafka: the typed data of a CloudEvent,
 * one sealed family per topic ({@code UserEvent}, {@code MeetingEvent},
 * {@code ChatEvent}, {@code RecordingEvent}; each sealed within its package, as the
 * classpath requires). The topic, type name and version of each are in
 * {@link EventTopics}; the catalogue (docs/asyncapi.yaml) describes the same events for
 * readers outside the code.
 */
public interface MeetEvent {

	/** What the event is about: the record's key and the CloudEvent's subject. */
	UUID subject();

}
