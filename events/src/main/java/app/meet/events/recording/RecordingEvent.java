package app.meet.events.recording;

import java.util.UUID;

import app.meet.events.MeetEvent;

/**
 * The events on {@code recording.events}, keyed by the meeting's id; published by
 * recording-service.
 */
public sealed interface RecordingEvent extends MeetEvent {

	Recording recording();

	@Override
	default UUID subject() {
		return recording().meetingId();
	}

	/** {@code meet.recording.started}: a recording started. */
	record Started(Recording recording) implements RecordingEvent {
	}

	/**
	 * {@code meet.recording.stopped}: a recording was stopped, or finished when idle or
	 * when its meeting ended; its status is {@code ready} or {@code failed}.
	 */
	record Stopped(Recording recording) implements RecordingEvent {
	}

}
