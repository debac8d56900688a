package app.meet.auth.token;

import java.util.UUID;

/** Who an access token is for: its {@code sub} and the profile claims it carries. */
public record TokenSubject(UUID userId, String username, String name, String email) {

}
