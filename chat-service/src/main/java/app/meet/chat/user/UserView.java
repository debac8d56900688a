package app.meet.chat.user;

import java.time.Instant;
import java.util.UUID;

/** A user as messages show them (never with email). */
public record UserView(UUID id, String username, String name, String avatarUrl, Instant createdAt) {

}
