package app.meet.signaling.room;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.signaling.config.SignalingProperties;
import app.meet.signaling.meeting.MeetingClient;
import app.meet.signaling.routing.Directory;
import app.meet.signaling.routing.Peer;
import app.meet.signaling.routing.Router;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Keeps the shared directory true when sockets vanish without a word: this instance
 * renews its own presence, and every instance sweeps for peers whose instance stopped
 * renewing (a crash) and for participants without a socket past the ghost timeout, whom
 * meeting-service then marks as left.
 */
@Component
class Presence implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(Presence.class);

	private final Directory directory;

	private final Router router;

	private final Places places;

	private final LocalConnections local;

	private final MeetingClient meetings;

	private final SignalingProperties properties;

	private final Clock clock;

	Presence(Directory directory, Router router, Places places, LocalConnections local, MeetingClient meetings,
			SignalingProperties properties, Clock clock) {
		this.directory = directory;
		this.router = router;
		this.places = places;
		this.local = local;
		this.meetings = meetings;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::sweep, this.properties.sweepInterval());
	}

	void sweep() {
		try {
			this.directory.renew(this.router.node(), this.properties.nodeTimeout());
			this.directory.meetings().forEach(this::sweepMeeting);
			for (Directory.Absence absence : this.directory.claimGhosts()) {
				if (!this.places.isPresent(absence.meetingId(), absence.userId())) {
					markLeft(absence);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Presence sweep failed; trying again at the next: {}", ex.getMessage());
		}
	}

	/** Peers of dead instances, or vacated past any take-over, are gone. */
	private void sweepMeeting(UUID meetingId) {
		long staleBefore = this.clock.millis() - this.properties.takeoverGrace().toMillis()
				- this.properties.nodeTimeout().toMillis();
		for (Peer peer : this.directory.peers(meetingId)) {
			boolean lost = this.router.isLocal(peer.node())
					? !peer.vacated() && this.local.get(peer.connection()).isEmpty()
					: !this.directory.alive(peer.node());
			boolean stale = peer.vacated() && peer.vacatedAt() < staleBefore;
			if ((lost || stale) && this.directory.removePeer(meetingId, peer.userId(), peer.connection())) {
				this.places.announceDeparture(meetingId, peer.userId(), peer.username());
			}
		}
		this.directory.forgetIfEmpty(meetingId);
	}

	private void markLeft(Directory.Absence ghost) {
		try {
			this.meetings.leave(ghost.meetingId(), ghost.userId());
			log.info("User {} had no socket in meeting {} for {}: marked as left", ghost.userId(), ghost.meetingId(),
					this.properties.ghostTimeout());
		}
		catch (HttpClientErrorException ex) {
			// not (or no longer) a participant: nothing to do
		}
	}

}
