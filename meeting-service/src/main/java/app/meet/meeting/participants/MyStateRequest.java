package app.meet.meeting.participants;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The caller's own media state and raised hand; absent members stay as they are, unknown
 * ones are ignored.
 */
@Schema(name = "UpdateMyState")
public record MyStateRequest(@Nullable Boolean isMuted, @Nullable Boolean isVideoOn, @Nullable Boolean isSharing,
		@Nullable Boolean handRaised) {

}
