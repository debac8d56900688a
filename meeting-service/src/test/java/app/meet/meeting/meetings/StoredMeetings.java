package app.meet.meeting.meetings;

import java.util.UUID;

/** Meetings made for the other features' tests, through the meetings' own service. */
public final class StoredMeetings {

	private StoredMeetings() {
	}

	/** An open meeting for {@code capacity}, without a waiting room. */
	public static Opened open(MeetingService meetings, UUID hostId, String title, int capacity) {
		MeetingResponse created = meetings.create(hostId, new MeetingRequests.Create(title, null, null, capacity,
				new MeetingRequests.Settings(null, null, null, null, false, null, null)));
		return new Opened(created.id(), created.code());
	}

	public record Opened(UUID id, String code) {
	}

}
