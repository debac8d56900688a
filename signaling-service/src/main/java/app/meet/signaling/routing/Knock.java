package app.meet.signaling.routing;

import java.time.Instant;
import java.util.UUID;

/** A user's request to join, as the host's popup shows it. */
public record Knock(UUID userId, String username, String email, Instant at) {

}
