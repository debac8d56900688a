package app.meet.meeting.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.meet.meeting.meetings.Meeting;
import app.meet.meeting.meetings.MeetingAccess;
import app.meet.meeting.meetings.MeetingEvents;
import app.meet.meeting.meetings.NotHostException;
import app.meet.meeting.meetings.NotModeratorException;
import app.meet.meeting.meetings.ParticipantNotFoundException;
import app.meet.meeting.meetings.ParticipantRepository;
import app.meet.meeting.meetings.ParticipantResponse;
import app.meet.meeting.meetings.ParticipantRole;
import app.meet.meeting.meetings.ParticipantStatus;
import app.meet.meeting.participants.Participation;
import app.meet.platform.tracing.TraceContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the host and moderators do to others: mute, remove, change roles. */
@Service
class ModerationService {

	private final MeetingAccess access;

	private final Participation participation;

	private final ParticipantRepository participants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ModerationService(MeetingAccess access, Participation participation, ParticipantRepository participants,
			ApplicationEventPublisher events, Clock clock) {
		this.access = access;
		this.participation = participation;
		this.participants = participants;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Mutes an active participant; they may unmute themselves.
	 * @throws NotModeratorException unless {@code by} is the host or a moderator
	 */
	@Transactional
	ParticipantResponse mute(UUID meetingId, UUID userId, UUID by) {
		Meeting meeting = moderated(meetingId, by);
		Instant now = this.clock.instant();
		if (this.participants.updateState(meeting.id(), userId, true, null, null, null, now) == 0) {
			throw new ParticipantNotFoundException();
		}
		return this.participation.publishUpdated(meetingId, userId, now);
	}

	/**
	 * Removes a participant (or someone waiting) for good; only the host removes a
	 * moderator, and nobody removes the host.
	 * @throws NotModeratorException unless {@code by} is the host or a moderator
	 */
	@Transactional
	ParticipantResponse remove(UUID meetingId, UUID userId, UUID by) {
		Meeting meeting = moderated(meetingId, by);
		ParticipantResponse target = this.participants.find(meetingId, userId)
			.orElseThrow(ParticipantNotFoundException::new);
		if (meeting.hostId().equals(userId) || isActiveAs(target, ParticipantRole.HOST)) {
			throw new ModerationRefusedException(ModerationRefusedException.Reason.HOST_NOT_REMOVABLE);
		}
		if (isActiveAs(target, ParticipantRole.MODERATOR)) {
			this.access.requireHost(meeting, by);
		}
		Instant now = this.clock.instant();
		if (!this.participants.remove(meetingId, userId, now)) {
			return target;
		}
		ParticipantResponse removed = this.participants.find(meetingId, userId).orElseThrow();
		this.events.publishEvent(
				new MeetingEvents.ParticipantRemoved(MeetingEvents.newId(), now, TraceContext.current(), removed));
		if (target.status() == ParticipantStatus.ACTIVE) {
			this.participation.afterDeparture(meetingId, target, now);
		}
		return removed;
	}

	/**
	 * Makes an active participant a moderator or a guest.
	 * @throws NotHostException unless {@code by} is the host
	 */
	@Transactional
	ParticipantResponse changeRole(UUID meetingId, UUID userId, ParticipantRole role, UUID by) {
		Meeting meeting = this.access.lockVisible(meetingId, by);
		this.access.requireHost(meeting, by);
		this.access.requireNotEnded(meeting);
		ParticipantResponse target = this.participants.find(meetingId, userId)
			.filter((participant) -> participant.status() == ParticipantStatus.ACTIVE)
			.orElseThrow(ParticipantNotFoundException::new);
		if (meeting.hostId().equals(userId) || target.role() == ParticipantRole.HOST) {
			throw new ModerationRefusedException(ModerationRefusedException.Reason.HOST_ROLE_FIXED);
		}
		if (target.role() == role) {
			return target;
		}
		Instant now = this.clock.instant();
		this.participants.changeRole(meetingId, userId, role, now);
		return this.participation.publishUpdated(meetingId, userId, now);
	}

	private Meeting moderated(UUID meetingId, UUID by) {
		Meeting meeting = this.access.lockVisible(meetingId, by);
		this.access.requireModerator(meeting, by);
		this.access.requireNotEnded(meeting);
		return meeting;
	}

	private static boolean isActiveAs(ParticipantResponse participant, ParticipantRole role) {
		return participant.status() == ParticipantStatus.ACTIVE && participant.role() == role;
	}

}
