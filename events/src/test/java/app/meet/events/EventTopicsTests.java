package app.meet.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import app.meet.events.EventTopic.EventType;
import app.meet.events.recording.Recording;
import app.meet.events.recording.RecordingEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTopicsTests {

	@Test
	void everyEventOfEveryFamilyHasATypeOnItsTopic() {
		for (EventTopic<?> topic : EventTopics.ALL) {
			Set<Class<?>> registered = new HashSet<>();
			topic.types().values().forEach((type) -> registered.add(type.record()));
			assertThat(registered).as(topic.name()).containsExactlyInAnyOrderElementsOf(records(topic.family()));
		}
	}

	/** The records of a sealed family, through any sealed interfaces within it. */
	private static List<Class<?>> records(Class<?> family) {
		return Arrays.stream(family.getPermittedSubclasses())
			.flatMap((member) -> member.isRecord() ? Stream.of(member) : records(member).stream())
			.toList();
	}

	@Test
	void typeNamesAreUniqueAcrossTopicsAndNameTheirVersion() {
		List<String> names = EventTopics.ALL.stream().flatMap((topic) -> topic.typeNames().stream()).toList();
		assertThat(names).doesNotHaveDuplicates().hasSize(13);
		EventTopics.ALL.forEach((topic) -> topic.types()
			.values()
			.forEach((type) -> assertThat(type.dataSchema()).isEqualTo("urn:meet:event:" + type.name() + ":1")));
	}

	@Test
	void anEventKnowsItsTopicTypeAndSubject() {
		UUID meetingId = UUID.randomUUID();
		RecordingEvent stopped = new RecordingEvent.Stopped(new Recording(UUID.randomUUID(), meetingId,
				UUID.randomUUID(), "ready", Instant.now(), Instant.now(), 10, "video/webm", "/m"));

		EventType<?> type = EventTopics.typeOf(stopped);

		assertThat(type.name()).isEqualTo("meet.recording.stopped");
		assertThat(EventTopics.topicOf(stopped).name()).isEqualTo("recording.events");
		assertThat(stopped.subject()).isEqualTo(meetingId);
	}

	@Test
	void anEventOfNoTopicIsRefused() {
		MeetEvent stray = () -> UUID.randomUUID();
		assertThatIllegalArgumentException().isThrownBy(() -> EventTopics.topicOf(stray));
	}

}
