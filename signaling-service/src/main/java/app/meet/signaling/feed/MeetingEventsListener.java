package app.meet.signaling.feed;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import app.meet.platform.events.EventEnvelope;
import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.room.Signaling;
import app.meet.signaling.routing.Directory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies {@code meeting.events} to this instance's sockets. Every instance reads every
 * event (a consumer group of its own), since each holds its own sockets; what they do is
 * idempotent, so a redelivery changes nothing.
 */
@Component
class MeetingEventsListener {

	private final Signaling signaling;

	private final Directory directory;

	private final SignalingProperties properties;

	private final JsonMapper json;

	MeetingEventsListener(Signaling signaling, Directory directory, SignalingProperties properties, JsonMapper json) {
		this.signaling = signaling;
		this.directory = directory;
		this.properties = properties;
		this.json = json;
	}

	@KafkaListener(topics = "meeting.events", groupId = "${spring.application.name}-${meet.signaling.instance}",
			properties = "auto.offset.reset=latest")
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope envelope = EventEnvelope.fromKafkaRecord(record);
		JsonNode data = this.json.readTree(record.value().getBytes(StandardCharsets.UTF_8));
		switch (envelope.type()) {
			case "meet.meeting.ended" -> this.signaling.meetingEnded(id(data.path("meeting").path("id")));
			case "meet.participant.joined" -> {
				// a participant who never opens a socket is a ghost too
				UUID meetingId = id(data.path("meeting_id"));
				UUID userId = id(data.path("participant").path("user").path("id"));
				if (!this.signaling.isPresent(meetingId, userId)) {
					this.directory.markAbsent(meetingId, userId, this.properties.ghostTimeout());
				}
			}
			case "meet.participant.left" -> this.signaling.participantGone(id(data.path("meeting_id")),
					id(data.path("participant").path("user").path("id")), "Left the meeting");
			case "meet.participant.removed" -> this.signaling.participantGone(id(data.path("meeting_id")),
					id(data.path("participant").path("user").path("id")), "Removed from the meeting");
			case "meet.participant.updated" -> {
				String admission = data.path("admission").asString("");
				if (admission.equals("admitted") || admission.equals("denied")) {
					this.signaling.admissionDecided(id(data.path("meeting_id")),
							id(data.path("participant").path("user").path("id")), admission.equals("admitted"));
				}
			}
			default -> {
			}
		}
	}

	private static UUID id(JsonNode value) {
		return UUID.fromString(value.asString());
	}

}
