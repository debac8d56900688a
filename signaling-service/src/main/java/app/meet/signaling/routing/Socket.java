package app.meet.signaling.routing;

import java.util.UUID;

/** The newest socket of a user in a meeting, admitted or not, and where it is. */
public record Socket(String node, UUID connection) {

}
