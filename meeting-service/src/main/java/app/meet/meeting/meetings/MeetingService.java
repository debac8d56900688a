package app.meet.meeting.meetings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.meet.platform.ids.TimeOrderedIds;
import app.meet.platform.tracing.TraceContext;
import app.meet.platform.users.UserDirectory;
import app.meet.platform.users.UserView;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Meetings: creating, finding, joining, leaving and ending. */
@Service
public class MeetingService {

	private static final int CODE_ATTEMPTS = 5;

	private final MeetingRepository meetings;

	private final UserDirectory users;

	private final ParticipantRepository participants;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final MeetingAccess access;

	private final Clock clock;

	MeetingService(MeetingRepository meetings, UserDirectory users, ParticipantRepository participants,
			MeetingAccess access, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.meetings = meetings;
		this.access = access;
		this.participants = participants;
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
		// time-ordered, so that services that hear of it later can tell it is new
		Meeting meeting = new Meeting(TimeOrderedIds.newId(this.clock), MeetingCode.generate(), request.title().strip(),
				(request.description() != null) ? request.description().strip() : "", hostId, MeetingStatus.SCHEDULED,
				request.scheduledAt(), null, null, (request.maxUsers() != null) ? request.maxUsers() : 50, false, null,
				MeetingSettings.DEFAULTS.with(request.settings()), now, now);
		this.meetings.insert(meeting);
		MeetingResponse response = respond(meeting);
		this.events.publishEvent(
				new MeetingEvents.MeetingCreated(MeetingEvents.newId(), now, TraceContext.current(), response));
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

	/**
	 * Changes a meeting; only its host may.
	 * @throws NotHostException for anyone else who can see it
	 * @throws MeetingEndedException once it has ended
	 */
	MeetingResponse update(UUID meetingId, UUID userId, MeetingRequests.Update request) {
		return this.transactions.execute((status) -> {
			Meeting meeting = this.access.lockVisible(meetingId, userId);
			this.access.requireHost(meeting, userId);
			this.access.requireNotEnded(meeting);
			Meeting updated = new Meeting(meeting.id(), meeting.code(),
					(request.title() != null) ? request.title().strip() : meeting.title(),
					(request.description() != null) ? request.description().strip() : meeting.description(),
					meeting.hostId(), meeting.status(),
					(request.scheduledAt() != null) ? request.scheduledAt() : meeting.scheduledAt(),
					meeting.startedAt(), meeting.endedAt(),
					(request.maxUsers() != null) ? request.maxUsers() : meeting.maxUsers(), meeting.isRecording(),
					meeting.recordingUrl(), meeting.settings().with(request.settings()), meeting.createdAt(),
					meeting.updatedAt());
			if (updated.equals(meeting)) {
				// nothing to change: nothing written, nothing announced
				return respond(meeting);
			}
			Instant now = this.clock.instant();
			updated = updated.changedAt(now);
			this.meetings.update(updated);
			MeetingResponse response = respond(updated);
			this.events.publishEvent(
					new MeetingEvents.MeetingUpdated(MeetingEvents.newId(), now, TraceContext.current(), response));
			return response;
		});
	}

	/**
	 * Ends the meeting for everyone: every participant leaves and no one can join again.
	 * @throws NotHostException for anyone but the host
	 */
	void end(UUID meetingId, UUID userId) {
		this.transactions.executeWithoutResult((status) -> {
			Meeting meeting = this.access.lockVisible(meetingId, userId);
			this.access.requireHost(meeting, userId);
			endLocked(meeting);
		});
	}

	/**
	 * Ends every active meeting that has been empty for its whole empty timeout, unless
	 * someone joined meanwhile.
	 * @return how many ended
	 */
	int endEmptyMeetings() {
		int ended = 0;
		for (UUID meetingId : this.meetings.emptyTooLong(this.clock.instant())) {
			boolean endedNow = Boolean.TRUE.equals(this.transactions.execute((status) -> {
				Meeting meeting = this.access.lock(meetingId);
				if (!this.meetings.emptyTooLong(this.clock.instant()).contains(meetingId)) {
					return false;
				}
				endLocked(meeting);
				return true;
			}));
			ended += endedNow ? 1 : 0;
		}
		return ended;
	}

	private void endLocked(Meeting meeting) {
		if (meeting.status() == MeetingStatus.ENDED) {
			return;
		}
		Instant now = this.clock.instant();
		List<UUID> departed = this.participants.leaveAll(meeting.id(), now);
		this.meetings.end(meeting.id(), now);
		// the end first: a participant's live stream closes on their own departure, and
		// everyone must hear that the meeting ended
		this.events.publishEvent(new MeetingEvents.MeetingEnded(MeetingEvents.newId(), now, TraceContext.current(),
				respond(this.meetings.findById(meeting.id()).orElseThrow())));
		for (UUID left : departed) {
			this.events.publishEvent(new MeetingEvents.ParticipantLeft(MeetingEvents.newId(), now,
					TraceContext.current(), this.participants.find(meeting.id(), left).orElseThrow()));
		}
	}

	/**
	 * Records the meeting's recording state as recording-service reported it; an unknown
	 * meeting is ignored.
	 * @param mediaUrl where the finished recording plays, when one stopped
	 */
	public void applyRecording(UUID meetingId, boolean recording, String mediaUrl) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.meetings.findById(meetingId).isEmpty()) {
				return;
			}
			this.access.lock(meetingId);
			Instant now = this.clock.instant();
			this.meetings.updateRecording(meetingId, recording, mediaUrl, now);
			this.events.publishEvent(new MeetingEvents.MeetingUpdated(MeetingEvents.newId(), now,
					TraceContext.current(), respond(this.meetings.findById(meetingId).orElseThrow())));
		});
	}

	public MeetingResponse respond(Meeting meeting) {
		UserView host = this.users.find(meeting.hostId()).orElseThrow();
		return MeetingResponse.of(meeting, host, this.participants.countActive(meeting.id()));
	}

	record Page(List<MeetingResponse> meetings, boolean more) {
	}

}
