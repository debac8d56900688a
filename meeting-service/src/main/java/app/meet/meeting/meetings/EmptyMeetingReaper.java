package app.meet.meeting.meetings;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.meeting.config.MeetingProperties;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Ends meetings nobody has been in for their {@code empty_timeout_seconds}. Every
 * instance runs it; the meeting row lock and a second look inside it make each end happen
 * once.
 */
@Component
class EmptyMeetingReaper implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(EmptyMeetingReaper.class);

	private final MeetingService meetings;

	private final MeetingProperties properties;

	EmptyMeetingReaper(MeetingService meetings, MeetingProperties properties) {
		this.meetings = meetings;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		Duration interval = this.properties.emptyCheckInterval();
		tasks.addFixedDelayTask(new FixedDelayTask(this::endEmptyMeetings, interval, interval));
	}

	void endEmptyMeetings() {
		int ended = this.meetings.endEmptyMeetings();
		if (ended > 0) {
			log.info("Ended {} meeting(s) left empty past their timeout", ended);
		}
	}

}
