package app.meet.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user as others see them, never with an email.
 *
 * @param id the user's id
 * @param username the user's handle
 * @param name the display name
 * @param avatarUrl a path on the gateway, or {@code ""} when the user has no picture
 * @param createdAt when the account was made; {@code null} for a user a service knew only
 * from a token
 */
public record User(UUID id, String username, String name, String avatarUrl, @Nullable Instant createdAt) {

}
