package app.meet.recording.recordings;

import app.meet.recording.config.RecordingProperties;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Finishes, with what they have, recordings that stopped receiving chunks. */
@Component
class IdleRecordings implements SchedulingConfigurer {

	private final Recordings recordings;

	private final RecordingProperties properties;

	IdleRecordings(Recordings recordings, RecordingProperties properties) {
		this.recordings = recordings;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::finishIdle, this.properties.idleCheckInterval());
	}

	void finishIdle() {
		this.recordings.finishIdle();
	}

}
