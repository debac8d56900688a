package app.meet.meeting.meeting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.meet.meeting.user.UserDirectory;
import app.meet.meeting.user.UserView;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creating and finding meetings. */
@Service
public class MeetingService {

	private static final int CODE_ATTEMPTS = 5;

	private final MeetingRepository meetings;

	private final UserDirectory users;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MeetingService(MeetingRepository meetings, UserDirectory users, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.meetings = meetings;
		this.users = users;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Creates a scheduled meeting hosted by the user; a code collision is retried with a
	 * new code.
	 */
	MeetingResponse create(UUID hostId, MeetingRequests.Create request) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transactions.execute((status) -> insert(hostId, request));
			}
			catch (DuplicateKeyException ex) {
				if (attempt == CODE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private MeetingResponse insert(UUID hostId, MeetingRequests.Create request) {
		Instant now = this.clock.instant();
		Meeting meeting = new Meeting(UUID.randomUUID(), MeetingCode.generate(), request.title().strip(),
				(request.description() != null) ? request.description().strip() : "", hostId, Meeting.SCHEDULED,
				request.scheduledAt(), null, null, (request.maxUsers() != null) ? request.maxUsers() : 50, false, null,
				MeetingSettings.DEFAULTS.with(request.settings()), now, now);
		this.meetings.insert(meeting);
		MeetingResponse response = respond(meeting);
		this.events.publishEvent(MeetingEvents.MeetingCreated.of(response));
		return response;
	}

	/**
	 * @throws MeetingNotFoundException unless the user hosts it or ever took part in it
	 */
	MeetingResponse get(UUID meetingId, UUID userId) {
		Meeting meeting = this.meetings.findById(meetingId)
			.filter((found) -> this.meetings.isVisibleTo(found, userId))
			.orElseThrow(MeetingNotFoundException::new);
		return respond(meeting);
	}

	/** Any signed-in user may look a meeting up by its code. */
	MeetingResponse byCode(String typed) {
		return MeetingCode.normalize(typed)
			.flatMap(this.meetings::findByCode)
			.map(this::respond)
			.orElseThrow(MeetingNotFoundException::new);
	}

	/** One page of the user's meetings, newest first, and whether more exist. */
	Page mine(UUID userId, UUID before, int limit) {
		List<Meeting> found = this.meetings.listFor(userId, before, limit + 1);
		List<MeetingResponse> page = found.stream().limit(limit).map(this::respond).toList();
		return new Page(page, found.size() > limit);
	}

	private MeetingResponse respond(Meeting meeting) {
		UserView host = this.users.find(meeting.hostId()).orElseThrow();
		return MeetingResponse.of(meeting, host, this.meetings.activeParticipants(meeting.id()));
	}

	record Page(List<MeetingResponse> meetings, boolean more) {
	}

}
