package app.meet.meeting.admission;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import app.meet.meeting.meetings.Admission;
import app.meet.meeting.meetings.Meeting;
import app.meet.meeting.meetings.MeetingAccess;
import app.meet.meeting.meetings.MeetingEvents;
import app.meet.meeting.meetings.NotModeratorException;
import app.meet.meeting.meetings.ParticipantNotFoundException;
import app.meet.meeting.meetings.ParticipantRepository;
import app.meet.meeting.meetings.ParticipantResponse;
import app.meet.meeting.meetings.ParticipantRole;
import app.meet.meeting.meetings.WaitingRoomRepository;
import app.meet.meeting.moderation.ModerationRefusedException;
import app.meet.meeting.participants.JoinRefusedException;
import app.meet.meeting.participants.Participation;
import app.meet.platform.tracing.TraceContext;
import app.meet.platform.users.UserDirectory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The waiting room: who asked to join, and the host's or a moderator's answer. The REST
 * endpoints and signaling-service's approval flow (through the internal endpoints) share
 * this one state, so a user admitted over the WebSocket joins at once over REST.
 */
@Service
class AdmissionService {

	private final MeetingAccess access;

	private final Participation participation;

	private final ParticipantRepository participants;

	private final WaitingRoomRepository waitingRoom;

	private final UserDirectory users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AdmissionService(MeetingAccess access, Participation participation, ParticipantRepository participants,
			WaitingRoomRepository waitingRoom, UserDirectory users, ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.participation = participation;
		this.participants = participants;
		this.waitingRoom = waitingRoom;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/** Where the user stands with the meeting, and whether they may join right now. */
	@Transactional
	public AdmissionView view(UUID meetingId, UUID userId) {
		return view(this.access.lock(meetingId), userId);
	}

	/**
	 * The user asks to join: admitted users and, with the waiting room off, everyone
	 * allowed in may join at once; others wait for the host's answer.
	 */
	@Transactional
	public AdmissionView knock(UUID meetingId, UUID userId) {
		Meeting meeting = this.access.lock(meetingId);
		if (this.participation.refusal(meeting, userId).orElse(null) == JoinRefusedException.Reason.NOT_ADMITTED) {
			this.participation.knock(meeting, userId);
		}
		return view(meeting, userId);
	}

	/**
	 * Lets the user in: they may join directly from now on.
	 * @throws NotModeratorException unless {@code by} is the host or a moderator
	 * @throws ModerationRefusedException for a user who was removed
	 */
	@Transactional
	public ParticipantResponse admit(UUID meetingId, UUID userId, UUID by) {
		Meeting meeting = decidable(meetingId, userId, by);
		Admission admission = this.waitingRoom.admission(meetingId, userId);
		if (admission == Admission.REMOVED) {
			throw new ModerationRefusedException(ModerationRefusedException.Reason.REMOVED);
		}
		Instant now = this.clock.instant();
		if (!meeting.hostId().equals(userId) && this.waitingRoom.admit(meetingId, userId,
				meeting.settings().muteOnJoin(), meeting.settings().videoOnJoin(), now)) {
			this.events
				.publishEvent(new MeetingEvents.AdmissionChanged(MeetingEvents.newId(), now, TraceContext.current(),
						this.participants.find(meetingId, userId).orElseThrow(), Admission.ADMITTED));
		}
		return this.participants.find(meetingId, userId).orElseThrow(ParticipantNotFoundException::new);
	}

	/**
	 * Turns the user away: they cannot join this meeting.
	 * @throws NotModeratorException unless {@code by} is the host or a moderator
	 * @throws ModerationRefusedException for the host, or a user who has joined or was
	 * removed
	 */
	@Transactional
	public ParticipantResponse deny(UUID meetingId, UUID userId, UUID by) {
		Meeting meeting = decidable(meetingId, userId, by);
		if (meeting.hostId().equals(userId)) {
			throw new ModerationRefusedException(ModerationRefusedException.Reason.HOST_NOT_DENIABLE);
		}
		Instant now = this.clock.instant();
		if (this.waitingRoom.deny(meetingId, userId, meeting.settings().muteOnJoin(), meeting.settings().videoOnJoin(),
				now)) {
			this.events.publishEvent(new MeetingEvents.AdmissionChanged(MeetingEvents.newId(), now,
					TraceContext.current(), this.participants.find(meetingId, userId).orElseThrow(), Admission.DENIED));
		}
		ParticipantResponse participant = this.participants.find(meetingId, userId).orElseThrow();
		return switch (participant.status()) {
			case DENIED -> participant;
			case REMOVED -> throw new ModerationRefusedException(ModerationRefusedException.Reason.REMOVED);
			default -> throw new ModerationRefusedException(ModerationRefusedException.Reason.ALREADY_JOINED);
		};
	}

	/** Who is waiting for an answer, longest waiting first. */
	@Transactional(readOnly = true)
	public List<ParticipantResponse> waiting(UUID meetingId) {
		this.access.find(meetingId);
		return this.waitingRoom.waiting(meetingId);
	}

	private Meeting decidable(UUID meetingId, UUID userId, UUID by) {
		Meeting meeting = this.access.lockVisible(meetingId, by);
		this.access.requireModerator(meeting, by);
		this.access.requireNotEnded(meeting);
		if (this.users.find(userId).isEmpty()) {
			throw new ParticipantNotFoundException();
		}
		return meeting;
	}

	private AdmissionView view(Meeting meeting, UUID userId) {
		JoinRefusedException.Reason refusal = this.participation.refusal(meeting, userId).orElse(null);
		return new AdmissionView(meeting.id(), userId, meeting.hostId(), meeting.status().value(),
				meeting.settings().waitingRoomEnabled(),
				this.waitingRoom.admission(meeting.id(), userId).name().toLowerCase(Locale.ROOT),
				this.participants.activeRole(meeting.id(), userId).map(ParticipantRole::value).orElse(null),
				meeting.hostId().equals(userId), this.access.mayModerate(meeting, userId), refusal == null,
				(refusal != null) ? refusal.code() : null);
	}

	/**
	 * A user's standing with a meeting, for signaling-service.
	 *
	 * @param hostId the meeting's own host, the only one who may {@code host-join}
	 * @param admission {@code none}, {@code waiting}, {@code admitted}, {@code denied} or
	 * {@code removed}
	 * @param role the role while an active participant, else {@code null}
	 * @param isHost whether the user is the meeting's own host
	 * @param mayModerate whether the user may admit, deny, mute and remove others
	 * @param mayJoin whether {@code POST /api/meetings/join} would let the user in now
	 * @param refusal why not, as the join's problem code ({@code not-admitted},
	 * {@code meeting-full}, {@code meeting-ended}, {@code removed}, {@code denied})
	 */
	public record AdmissionView(UUID meetingId, UUID userId, UUID hostId, String meetingStatus,
			boolean waitingRoomEnabled, String admission, String role, boolean isHost, boolean mayModerate,
			boolean mayJoin, String refusal) {
	}

}
