package app.meet.meeting.participants;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.meet.devstack.test.EmbeddedInfrastructure;
import app.meet.meeting.meetings.MeetingService;
import app.meet.meeting.meetings.StoredMeetings;
import app.meet.platform.users.UserDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity of a meeting holds however many join at once, on the real database: the
 * meeting row is locked for each join.
 */
@SpringBootTest
@EmbeddedInfrastructure
class JoinCapacityIntegrationTests {

	private static final int CAPACITY = 3;

	private static final int JOINING_AT_ONCE = 10;

	@Autowired
	private MeetingService meetings;

	@Autowired
	private Participation participation;

	@Autowired
	private UserDirectory users;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void tenJoiningAMeetingForThreeAtOnceLetInThreeAndTellTheOthersItIsFull() throws Exception {
		StoredMeetings.Opened meeting = openMeeting();
		List<Callable<String>> joins = new ArrayList<>();
		for (int each = 0; each < JOINING_AT_ONCE; each++) {
			UUID guest = user("cap");
			joins.add(() -> outcome(() -> this.participation.join(guest, meeting.code())));
		}

		List<String> outcomes = runAtOnce(joins);

		assertThat(outcomes).filteredOn("joined"::equals).hasSize(CAPACITY);
		assertThat(outcomes).filteredOn("meeting-full"::equals).hasSize(JOINING_AT_ONCE - CAPACITY);
		assertThat(activeParticipants(meeting)).isEqualTo(CAPACITY);
	}

	@Test
	void oneUserJoiningFromManyTabsAtOnceIsOneParticipant() throws Exception {
		StoredMeetings.Opened meeting = openMeeting();
		UUID guest = user("tab");
		List<Callable<String>> joins = new ArrayList<>();
		for (int tab = 0; tab < JOINING_AT_ONCE; tab++) {
			joins.add(() -> this.participation.join(guest, meeting.code()).id().toString());
		}

		List<String> participants = runAtOnce(joins);

		assertThat(participants).as("the same participant every time").containsOnly(participants.get(0));
		assertThat(activeParticipants(meeting)).isEqualTo(1);
	}

	private StoredMeetings.Opened openMeeting() {
		return StoredMeetings.open(this.meetings, user("host"), "Capacity", CAPACITY);
	}

	private UUID user(String prefix) {
		UUID id = UUID.randomUUID();
		this.users.remember(id, prefix + id.toString().substring(0, 8), "Capacity Test");
		return id;
	}

	private int activeParticipants(StoredMeetings.Opened meeting) {
		return this.jdbc.sql("SELECT count(*) FROM participants WHERE meeting_id = :id AND status = 'active'")
			.param("id", meeting.id())
			.query(Integer.class)
			.single();
	}

	private static String outcome(Callable<?> join) throws Exception {
		try {
			join.call();
			return "joined";
		}
		catch (JoinRefusedException ex) {
			return ex.reason().code();
		}
	}

	private static List<String> runAtOnce(List<Callable<String>> calls) throws Exception {
		try (ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
			List<String> results = new ArrayList<>();
			for (Future<String> result : threads.invokeAll(calls)) {
				results.add(result.get());
			}
			return results;
		}
	}

}
