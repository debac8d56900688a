package app.meet.recording.recording;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Finishes, with what they have, recordings that stopped receiving chunks. */
@Component
class IdleRecordings {

	private final Recordings recordings;

	IdleRecordings(Recordings recordings) {
		this.recordings = recordings;
	}

	@Scheduled(fixedDelayString = "${meet.recording.idle-check-interval:30s}")
	void finishIdle() {
		this.recordings.finishIdle();
	}

}
