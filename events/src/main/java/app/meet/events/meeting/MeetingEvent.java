package app.meet.events.meeting;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import app.meet.events.MeetEvent;

/**
 * The events on {@code meeting.events}, keyed by the meeting's id; published by
 * meeting-service. When a meeting ends, {@link Ended} comes before the
 * {@link ParticipantLeft} of those still in it.
 */
public sealed interface MeetingEvent extends MeetEvent {

	/** The meeting the event is about. */
	UUID meetingId();

	@Override
	default UUID subject() {
		return meetingId();
	}

	/** The events that carry the meeting as it now is. */
	sealed interface OfMeeting extends MeetingEvent {

		Meeting meeting();

		@Override
		default UUID meetingId() {
			return meeting().id();
		}

	}

	/**
	 * {@code meet.meeting.created}: a meeting was created, scheduled until its first
	 * join.
	 */
	record Created(Meeting meeting) implements OfMeeting {
	}

	/** {@code meet.meeting.started}: the first join made the meeting active. */
	record Started(Meeting meeting) implements OfMeeting {
	}

	/**
	 * {@code meet.meeting.updated}: title, description, schedule, capacity or settings
	 * changed, or a recording started or stopped.
	 */
	record Updated(Meeting meeting) implements OfMeeting {
	}

	/**
	 * {@code meet.meeting.ended}: the host ended the meeting, or it stayed empty past its
	 * timeout.
	 */
	record Ended(Meeting meeting) implements OfMeeting {
	}

	/** {@code meet.participant.joined}: someone became an active participant. */
	record ParticipantJoined(UUID meetingId, Participant participant) implements MeetingEvent {
	}

	/**
	 * {@code meet.participant.left}: someone left, was taken for gone, or was still in
	 * the meeting when it ended.
	 */
	record ParticipantLeft(UUID meetingId, Participant participant) implements MeetingEvent {
	}

	/**
	 * {@code meet.participant.updated}: a role, mute or media state changed; or, with an
	 * admission, someone asked to join, was admitted or was denied.
	 *
	 * @param meetingId the meeting
	 * @param participant the participant as they are now
	 * @param admission the admission decided or asked for; absent when the change is none
	 */
	record ParticipantUpdated(UUID meetingId, Participant participant,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Admission admission) implements MeetingEvent {
	}

	/**
	 * {@code meet.participant.removed}: the host or a moderator removed someone, who
	 * cannot come back.
	 */
	record ParticipantRemoved(UUID meetingId, Participant participant) implements MeetingEvent {
	}

}
