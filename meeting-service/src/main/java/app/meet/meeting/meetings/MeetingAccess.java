package app.meet.meeting.meetings;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Finds a meeting for a change (locked until the transaction ends, so changes to one
 * meeting never interleave) and tells who may make it. "Host" is the meeting's own host
 * or whoever holds the host role since the host left; moderators are participants the
 * host made so.
 */
@Component
public class MeetingAccess {

	private final MeetingRepository meetings;

	private final ParticipantRepository participants;

	MeetingAccess(MeetingRepository meetings, ParticipantRepository participants) {
		this.meetings = meetings;
		this.participants = participants;
	}

	/**
	 * @throws MeetingNotFoundException when there is no such meeting
	 */
	public Meeting find(UUID meetingId) {
		return this.meetings.findById(meetingId).orElseThrow(MeetingNotFoundException::new);
	}

	/**
	 * @throws MeetingNotFoundException when there is no such meeting
	 */
	public Meeting lock(UUID meetingId) {
		return this.meetings.lock(meetingId);
	}

	/**
	 * @throws MeetingNotFoundException unless the user hosts the meeting or ever joined
	 * it
	 */
	public Meeting lockVisible(UUID meetingId, UUID userId) {
		Meeting meeting = this.meetings.lock(meetingId);
		if (!this.meetings.isVisibleTo(meeting, userId)) {
			throw new MeetingNotFoundException();
		}
		return meeting;
	}

	public boolean isHost(Meeting meeting, UUID userId) {
		return meeting.hostId().equals(userId)
				|| activeRole(meeting, userId).filter(ParticipantRole.HOST::equals).isPresent();
	}

	public boolean mayModerate(Meeting meeting, UUID userId) {
		return isHost(meeting, userId)
				|| activeRole(meeting, userId).filter(ParticipantRole.MODERATOR::equals).isPresent();
	}

	/**
	 * @throws NotHostException unless the user is the host
	 */
	public void requireHost(Meeting meeting, UUID userId) {
		if (!isHost(meeting, userId)) {
			throw new NotHostException();
		}
	}

	/**
	 * @throws NotModeratorException unless the user is the host or a moderator
	 */
	public void requireModerator(Meeting meeting, UUID userId) {
		if (!mayModerate(meeting, userId)) {
			throw new NotModeratorException();
		}
	}

	/**
	 * @throws MeetingEndedException once the meeting has ended
	 */
	public void requireNotEnded(Meeting meeting) {
		if (meeting.status() == MeetingStatus.ENDED) {
			throw new MeetingEndedException();
		}
	}

	private Optional<ParticipantRole> activeRole(Meeting meeting, UUID userId) {
		return this.participants.activeRole(meeting.id(), userId);
	}

}
