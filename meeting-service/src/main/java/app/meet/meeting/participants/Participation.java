package app.meet.meeting.participants;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.meet.meeting.meetings.Admission;
import app.meet.meeting.meetings.Meeting;
import app.meet.meeting.meetings.MeetingAccess;
import app.meet.meeting.meetings.MeetingCode;
import app.meet.meeting.meetings.MeetingEvents;
import app.meet.meeting.meetings.MeetingNotFoundException;
import app.meet.meeting.meetings.MeetingRepository;
import app.meet.meeting.meetings.MeetingService;
import app.meet.meeting.meetings.MeetingStatus;
import app.meet.meeting.meetings.ParticipantRepository;
import app.meet.meeting.meetings.ParticipantResponse;
import app.meet.meeting.meetings.ParticipantRole;
import app.meet.meeting.meetings.ParticipantStatus;
import app.meet.meeting.meetings.WaitingRoomRepository;
import app.meet.platform.tracing.TraceContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Taking part in a meeting: joining (capacity, the waiting room's knock, a returning host
 * taking the role back), leaving (the host role passing on), one's own media state, and
 * the participant list.
 */
@Service
public class Participation {

	private final MeetingRepository meetings;

	private final MeetingService meetingService;

	private final ParticipantRepository participants;

	private final WaitingRoomRepository waitingRoom;

	private final MeetingAccess access;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Participation(MeetingRepository meetings, MeetingService meetingService, ParticipantRepository participants,
			WaitingRoomRepository waitingRoom, MeetingAccess access, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.meetings = meetings;
		this.meetingService = meetingService;
		this.participants = participants;
		this.waitingRoom = waitingRoom;
		this.access = access;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
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
		if (existing.isPresent() && existing.get().status() == ParticipantStatus.ACTIVE) {
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
		if (meeting.status() == MeetingStatus.SCHEDULED) {
			this.meetings.start(meetingId, now);
			this.events
				.publishEvent(new MeetingEvents.MeetingStarted(MeetingEvents.newId(), now, TraceContext.current(),
						this.meetingService.respond(this.meetings.findById(meetingId).orElseThrow())));
		}
		ParticipantRole role = host ? ParticipantRole.HOST
				: existing.map(ParticipantResponse::role)
					.filter((previous) -> previous != ParticipantRole.HOST)
					.orElse(ParticipantRole.GUEST);
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
	public Optional<JoinRefusedException.Reason> refusal(Meeting meeting, UUID userId) {
		if (this.participants.activeRole(meeting.id(), userId).isPresent()) {
			return Optional.empty();
		}
		if (meeting.status() == MeetingStatus.ENDED) {
			return Optional.of(JoinRefusedException.Reason.ENDED);
		}
		if (!meeting.hostId().equals(userId)) {
			Admission admission = this.waitingRoom.admission(meeting.id(), userId);
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
	public void knock(Meeting meeting, UUID userId) {
		Instant now = this.clock.instant();
		if (this.waitingRoom.knock(meeting.id(), userId, meeting.settings().muteOnJoin(),
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
	public void leave(UUID meetingId, UUID userId) {
		this.transactions.executeWithoutResult((status) -> {
			this.access.lockVisible(meetingId, userId);
			Optional<ParticipantResponse> current = this.participants.find(meetingId, userId)
				.filter((participant) -> participant.status() == ParticipantStatus.ACTIVE);
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
	public void afterDeparture(UUID meetingId, ParticipantResponse departed, Instant now) {
		if (departed.role() == ParticipantRole.HOST) {
			this.participants.handOverHost(meetingId, now)
				.ifPresent((newHost) -> publishUpdated(meetingId, newHost, now));
		}
		this.meetings.markEmptyIfNobodyIn(meetingId, now);
	}

	/**
	 * Changes the participant's own media state or raised hand.
	 * @throws NotAParticipantException unless the user is an active participant
	 */
	public ParticipantResponse updateState(UUID meetingId, UUID userId, MyStateRequest request) {
		return this.transactions.execute((status) -> {
			this.access.lockVisible(meetingId, userId);
			ParticipantResponse current = this.participants.find(meetingId, userId)
				.filter((participant) -> participant.status() == ParticipantStatus.ACTIVE)
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

	/** Whether each state the request names is already the participant's. */
	private static boolean leavesUnchanged(MyStateRequest request, ParticipantResponse current) {
		return (request.isMuted() == null || request.isMuted() == current.isMuted())
				&& (request.isVideoOn() == null || request.isVideoOn() == current.isVideoOn())
				&& (request.isSharing() == null || request.isSharing() == current.isSharing())
				&& (request.handRaised() == null || request.handRaised() == current.handRaised());
	}

	/** Announces the participant as they are now. */
	public ParticipantResponse publishUpdated(UUID meetingId, UUID userId, Instant now) {
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

	/** A join's result: the participant, or why the user may not join. */
	private record JoinOutcome(ParticipantResponse participant, JoinRefusedException.Reason refusal) {
	}

}
