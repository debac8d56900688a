package app.meet.meeting.meeting;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.meet.meeting.participant.Admission;
import app.meet.meeting.participant.ParticipantRepository;
import app.meet.meeting.participant.ParticipantResponse;
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
				(request.description() != null) ? request.description().strip() : "", hostId, Meeting.SCHEDULED,
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
	 * Joins the meeting with the given code. The meeting row is locked for the join, so
	 * the capacity holds however many join at once; joining again while active returns
	 * the same participant. A first-time guest refused by the waiting room is recorded as
	 * asking to join, so that the host can admit them.
	 * @throws JoinRefusedException when the meeting has ended, is full, or the user may
	 * not join
	 */
	ParticipantResponse join(UUID userId, String code) {
		String stored = MeetingCode.normalize(code).orElseThrow(MeetingNotFoundException::new);
		UUID meetingId = this.meetings.findByCode(stored).orElseThrow(MeetingNotFoundException::new).id();
		JoinOutcome outcome = this.transactions.execute((status) -> joinLocked(meetingId, userId));
		if (outcome.refusal() != null) {
			throw new JoinRefusedException(outcome.refusal());
		}
		return outcome.participant();
	}

	private JoinOutcome joinLocked(UUID meetingId, UUID userId) {
		Meeting meeting = this.access.lock(meetingId);
		Optional<ParticipantResponse> existing = this.participants.find(meetingId, userId);
		if (existing.isPresent() && existing.get().status().equals("active")) {
			return new JoinOutcome(existing.get(), null);
		}
		boolean host = meeting.hostId().equals(userId);
		Optional<JoinRefusedException.Reason> refusal = refusal(meeting, userId);
		if (refusal.isPresent()) {
			if (refusal.get() == JoinRefusedException.Reason.NOT_ADMITTED) {
				knock(meeting, userId);
			}
			return new JoinOutcome(null, refusal.get());
		}
		Instant now = this.clock.instant();
		if (meeting.status().equals(Meeting.SCHEDULED)) {
			this.meetings.start(meetingId, now);
			this.events.publishEvent(new MeetingEvents.MeetingStarted(MeetingEvents.newId(), now,
					TraceContext.current(), respond(this.meetings.findById(meetingId).orElseThrow())));
		}
		String role = host ? "host"
				: existing.map(ParticipantResponse::role)
					.filter((previous) -> !previous.equals("host"))
					.orElse("guest");
		this.participants.activate(meetingId, userId, role, meeting.settings().muteOnJoin(),
				meeting.settings().videoOnJoin(), now);
		this.meetings.markOccupied(meetingId);
		ParticipantResponse joined = this.participants.find(meetingId, userId).orElseThrow();
		this.events.publishEvent(
				new MeetingEvents.ParticipantJoined(MeetingEvents.newId(), now, TraceContext.current(), joined));
		if (host) {
			for (UUID standIn : this.participants.demoteStandInHosts(meetingId, userId, now)) {
				publishUpdated(meetingId, standIn, now);
			}
		}
		return new JoinOutcome(joined, null);
	}

	/**
	 * Why the user could not join the (locked) meeting right now, if they could not; an
	 * active participant always can (joining again changes nothing).
	 */
	Optional<JoinRefusedException.Reason> refusal(Meeting meeting, UUID userId) {
		if (this.participants.activeRole(meeting.id(), userId).isPresent()) {
			return Optional.empty();
		}
		if (meeting.status().equals(Meeting.ENDED)) {
			return Optional.of(JoinRefusedException.Reason.ENDED);
		}
		if (!meeting.hostId().equals(userId)) {
			Admission admission = this.participants.admission(meeting.id(), userId);
			if (admission == Admission.REMOVED) {
				return Optional.of(JoinRefusedException.Reason.REMOVED);
			}
			if (admission == Admission.DENIED) {
				return Optional.of(JoinRefusedException.Reason.DENIED);
			}
			if (meeting.settings().waitingRoomEnabled() && admission != Admission.ADMITTED) {
				return Optional.of(JoinRefusedException.Reason.NOT_ADMITTED);
			}
		}
		if (this.participants.countActive(meeting.id()) >= meeting.maxUsers()) {
			return Optional.of(JoinRefusedException.Reason.FULL);
		}
		return Optional.empty();
	}

	/** Records that the user asks to join the (locked) meeting. */
	void knock(Meeting meeting, UUID userId) {
		Instant now = this.clock.instant();
		if (this.participants.knock(meeting.id(), userId, meeting.settings().muteOnJoin(),
				meeting.settings().videoOnJoin(), now)) {
			this.events
				.publishEvent(new MeetingEvents.AdmissionChanged(MeetingEvents.newId(), now, TraceContext.current(),
						this.participants.find(meeting.id(), userId).orElseThrow(), Admission.WAITING));
		}
	}

	/**
	 * Leaves the meeting; the host role passes on if the host leaves. Leaving when not in
	 * the meeting changes nothing.
	 */
	void leave(UUID meetingId, UUID userId) {
		this.transactions.executeWithoutResult((status) -> {
			this.access.lockVisible(meetingId, userId);
			Optional<ParticipantResponse> current = this.participants.find(meetingId, userId)
				.filter((participant) -> participant.status().equals("active"));
			if (current.isEmpty()) {
				return;
			}
			Instant now = this.clock.instant();
			this.participants.leave(meetingId, userId, now);
			this.events.publishEvent(new MeetingEvents.ParticipantLeft(MeetingEvents.newId(), now,
					TraceContext.current(), this.participants.find(meetingId, userId).orElseThrow()));
			afterDeparture(meetingId, current.get(), now);
		});
	}

	/**
	 * What follows anyone's departure from the (locked) meeting: the host role passes on,
	 * and the empty timeout starts when nobody is left.
	 */
	void afterDeparture(UUID meetingId, ParticipantResponse departed, Instant now) {
		if (departed.role().equals("host")) {
			this.participants.handOverHost(meetingId, now)
				.ifPresent((newHost) -> publishUpdated(meetingId, newHost, now));
		}
		this.meetings.markEmptyIfNobodyIn(meetingId, now);
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
		if (meeting.status().equals(Meeting.ENDED)) {
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
	 * Changes the participant's own media state or raised hand.
	 * @throws NotAParticipantException unless the user is an active participant
	 */
	ParticipantResponse updateState(UUID meetingId, UUID userId, MeetingRequests.MyState request) {
		return this.transactions.execute((status) -> {
			this.access.lockVisible(meetingId, userId);
			ParticipantResponse current = this.participants.find(meetingId, userId)
				.filter((participant) -> participant.status().equals(ParticipantRepository.ACTIVE))
				.orElseThrow(NotAParticipantException::new);
			if (leavesUnchanged(request, current)) {
				return current;
			}
			Instant now = this.clock.instant();
			if (this.participants.updateState(meetingId, userId, request.isMuted(), request.isVideoOn(),
					request.isSharing(), request.handRaised(), now) == 0) {
				throw new NotAParticipantException();
			}
			return publishUpdated(meetingId, userId, now);
		});
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

	/** Whether each state the request names is already the participant's. */
	private static boolean leavesUnchanged(MeetingRequests.MyState request, ParticipantResponse current) {
		return (request.isMuted() == null || request.isMuted() == current.isMuted())
				&& (request.isVideoOn() == null || request.isVideoOn() == current.isVideoOn())
				&& (request.isSharing() == null || request.isSharing() == current.isSharing())
				&& (request.handRaised() == null || request.handRaised() == current.handRaised());
	}

	/** Announces the participant as they are now. */
	ParticipantResponse publishUpdated(UUID meetingId, UUID userId, Instant now) {
		ParticipantResponse updated = this.participants.find(meetingId, userId).orElseThrow();
		this.events.publishEvent(
				new MeetingEvents.ParticipantUpdated(MeetingEvents.newId(), now, TraceContext.current(), updated));
		return updated;
	}

	/**
	 * @throws MeetingNotFoundException unless the user hosts it or ever took part in it
	 */
	List<ParticipantResponse> participants(UUID meetingId, UUID userId, boolean includeInactive) {
		Meeting meeting = this.meetings.findById(meetingId)
			.filter((found) -> this.meetings.isVisibleTo(found, userId))
			.orElseThrow(MeetingNotFoundException::new);
		return this.participants.list(meeting.id(), includeInactive);
	}

	private MeetingResponse respond(Meeting meeting) {
		UserView host = this.users.find(meeting.hostId()).orElseThrow();
		return MeetingResponse.of(meeting, host, this.participants.countActive(meeting.id()));
	}

	record Page(List<MeetingResponse> meetings, boolean more) {
	}

	/** A join's result: the participant, or why the user may not join. */
	private record JoinOutcome(ParticipantResponse participant, JoinRefusedException.Reason refusal) {
	}

}
