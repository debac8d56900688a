package app.meet.signaling.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rtc/ice-servers}: the STUN servers and, when a TURN server is
 * configured, credentials for it in the TURN REST form (username {@code expiry:user_id},
 * credential the base64 HMAC-SHA1 of the username with the secret shared with the TURN
 * server), valid for {@code ttl_seconds}.
 */
@RestController
@Tag(name = "calls", description = "What a WebRTC call needs besides signaling")
class IceServersController {

	private final SignalingProperties.Ice ice;

	private final Clock clock;

	IceServersController(SignalingProperties properties, Clock clock) {
		this.ice = properties.ice();
		this.clock = clock;
	}

	@Operation(summary = "STUN and TURN servers, with short-lived TURN credentials")
	@GetMapping("/api/rtc/ice-servers")
	ResponseEntity<IceServers> iceServers(@AuthenticationPrincipal Jwt token) {
		List<IceServer> servers = new ArrayList<>();
		if (!this.ice.stunUrls().isEmpty()) {
			servers.add(new IceServer(this.ice.stunUrls(), null, null));
		}
		long ttl = this.ice.credentialTtl().toSeconds();
		if (this.ice.turnConfigured()) {
			String username = (this.clock.instant().getEpochSecond() + ttl) + ":" + token.getSubject();
			servers.add(new IceServer(this.ice.turnUrls(), username, credential(username, this.ice.turnSecret())));
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new IceServers(servers, ttl));
	}

	static String credential(String username, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	record IceServers(List<IceServer> iceServers, long ttlSeconds) {
	}

	/**
	 * An {@code RTCIceServer}: STUN servers without credentials, TURN servers with them.
	 */
	record IceServer(List<String> urls, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String username,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String credential) {
	}

}
