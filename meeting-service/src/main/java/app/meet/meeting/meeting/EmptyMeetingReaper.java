package app.meet.meeting.meeting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends meetings nobody has been in for their {@code empty_timeout_seconds}. Every
 * instance runs it; the meeting row lock and a second look inside it make each end happen
 * once.
 */
@Component
class EmptyMeetingReaper {

	private static final Logger log = LoggerFactory.getLogger(EmptyMeetingReaper.class);

	private final MeetingService meetings;

	EmptyMeetingReaper(MeetingService meetings) {
		this.meetings = meetings;
	}

	@Scheduled(fixedDelayString = "${meet.meeting.empty-check-interval:5s}",
			initialDelayString = "${meet.meeting.empty-check-interval:5s}")
	void endEmptyMeetings() {
		int ended = this.meetings.endEmptyMeetings();
		if (ended > 0) {
			log.info("Ended {} meeting(s) left empty past their timeout", ended);
		}
	}

}
