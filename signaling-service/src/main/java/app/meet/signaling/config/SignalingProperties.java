package app.meet.signaling.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * signaling-service's settings.
 *
 * @param instance this instance's name; with a random suffix it names the node in Redis
 * @param router how messages reach the instance holding a socket: {@code redis} (pub/sub
 * between any number of instances) or {@code local} (a single instance)
 * @param meetingServiceUrl where meeting-service's internal endpoints are
 * @param authServiceUrl where auth-service issues service tokens
 * @param clientSecret the secret this service presents for its service tokens
 * @param offerDelay how long after a newcomer is admitted it is told whom to offer to
 * (its page registers its offer handlers in the meantime)
 * @param takeoverGrace how long a closed socket's user stays in the meeting for a new
 * socket of theirs to take over silently
 * @param ghostTimeout how long a participant may have no socket in the meeting before
 * they are marked as left
 * @param nodeTimeout how long an instance that stops renewing its presence is still
 * believed alive; its users are announced as left after that
 * @param sweepInterval how often this instance renews its presence and looks for users to
 * announce as left (of stopped instances, without a socket past the ghost timeout)
 * @param maxFrameSize the largest text frame accepted, in bytes
 * @param framesPerSecond frames a socket may send per second; more get an error and are
 * dropped
 * @param maxSocketsPerUser sockets one user may hold open on one instance, in all
 * meetings together (tabs, devices); more are refused
 * @param joinTimeout how long a socket may stay open without {@code host-join} or
 * {@code join-request} before it is closed
 * @param calls how calls to meeting-service and auth-service fail fast
 * @param ice the STUN and TURN servers handed to browsers
 */
@ConfigurationProperties("meet.signaling")
@Validated
public record SignalingProperties(@DefaultValue("signaling-service") @NotBlank String instance,
		@DefaultValue("redis") @NotNull Routing router,
		@DefaultValue("http://127.0.0.1:8082") @NotNull URI meetingServiceUrl,
		@DefaultValue("http://127.0.0.1:8081") @NotNull URI authServiceUrl,
		@NotNull @Size(min = 16) String clientSecret, @DefaultValue("1s") @NotNull Duration offerDelay,
		@DefaultValue("3s") @NotNull Duration takeoverGrace, @DefaultValue("60s") @NotNull Duration ghostTimeout,
		@DefaultValue("15s") @NotNull Duration nodeTimeout, @DefaultValue("5s") @NotNull Duration sweepInterval,
		@DefaultValue("1048576") @Min(524288) int maxFrameSize, @DefaultValue("50") @Min(1) int framesPerSecond,
		@DefaultValue("8") @Min(1) int maxSocketsPerUser, @DefaultValue("30s") @NotNull Duration joinTimeout,
		@DefaultValue @Valid Calls calls, @DefaultValue @Valid Ice ice) {

	/** Where the sockets a message may be for can be. */
	public enum Routing {

		/** On any instance: through Redis pub/sub. */
		REDIS,

		/** On this one: there is no other. */
		LOCAL

	}

	/**
	 * @param connectTimeout how long a connection may take to open
	 * @param responseTimeout how long an answer may take once the request is sent
	 * @param openFor how long calls are refused at once after most recent ones failed,
	 * before a few are let through to try again
	 */
	public record Calls(@DefaultValue("1s") @NotNull Duration connectTimeout,
			@DefaultValue("3s") @NotNull Duration responseTimeout, @DefaultValue("5s") @NotNull Duration openFor) {

	}

	/**
	 * @param stunUrls STUN servers every browser gets
	 * @param turnUrls TURN servers, handed out only with a {@code turnSecret}
	 * @param turnSecret the secret shared with the TURN server (TURN REST credentials)
	 * @param credentialTtl how long TURN credentials stay valid
	 */
	public record Ice(@DefaultValue("stun:stun.l.google.com:19302") List<String> stunUrls,
			@DefaultValue List<String> turnUrls, String turnSecret,
			@DefaultValue("12h") @NotNull Duration credentialTtl) {

		public boolean turnConfigured() {
			return !this.turnUrls.isEmpty() && this.turnSecret != null && !this.turnSecret.isBlank();
		}

	}

}
