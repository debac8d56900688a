package app.meet.meeting.user;

import java.time.Instant;
import java.util.UUID;

/** A user as meetings show them (never with email). */
public record UserView(UUID id, String username, String name, String avatarUrl, Instant createdAt) {

}
