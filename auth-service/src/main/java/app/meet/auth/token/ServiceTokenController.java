package app.meet.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import app.meet.auth.throttle.RedisCounters;
import app.meet.platform.problem.Problems;
import app.meet.platform.security.AccessTokens;
import app.meet.platform.security.SecurityProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 client-credentials grant for Meet's own services: a service authenticates
 * with HTTP Basic and gets a short-lived token carrying the scopes it asked for (all of
 * its registered ones when it names none), each of which opens only the endpoints a
 * service names for it. The gateway does not route here. Failed authentications are
 * throttled per address, tokens per client.
 */
@RestController
@EnableConfigurationProperties(ServiceClientProperties.class)
class ServiceTokenController {

	private static final String FAILURES_PREFIX = "meet:service-tokens:failures:";

	private static final String ISSUED_PREFIX = "meet:service-tokens:issued:";

	private final ServiceClientProperties clients;

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final SecurityProperties security;

	private final RedisCounters counters;

	private final Clock clock;

	ServiceTokenController(ServiceClientProperties clients, JwtEncoder encoder, SigningKeys keys,
			SecurityProperties security, RedisCounters counters, Clock clock) {
		this.clients = clients;
		this.encoder = encoder;
		this.keys = keys;
		this.security = security;
		this.counters = counters;
		this.clock = clock;
	}

	@PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> token(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(name = "scope", required = false) String scope, HttpServletRequest request) {
		String failuresKey = FAILURES_PREFIX + RedisCounters.digest(request.getRemoteAddr());
		RedisCounters.Count failures = this.counters.get(failuresKey);
		if (failures.value() >= this.clients.failuresPerAddress()) {
			throw ServiceTokenException.tooMany(failures.retryAfter());
		}
		String clientId = authenticate(authorization);
		if (clientId == null) {
			this.counters.increment(failuresKey, this.clients.failureWindow());
			throw new ServiceTokenException(HttpStatus.UNAUTHORIZED, "invalid_client",
					"Unknown client or wrong secret");
		}
		if (!"client_credentials".equals(grantType)) {
			throw new ServiceTokenException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"Only the client_credentials grant is supported");
		}
		Set<String> allowed = this.clients.clients().get(clientId).scopes();
		Set<String> scopes = (scope == null || scope.isBlank()) ? allowed
				: new TreeSet<>(Arrays.asList(scope.strip().split(" +")));
		if (!allowed.containsAll(scopes)) {
			throw new ServiceTokenException(HttpStatus.BAD_REQUEST, "invalid_scope",
					"The client may ask for " + String.join(" ", new TreeSet<>(allowed)) + " only");
		}
		RedisCounters.Count issued = this.counters.increment(ISSUED_PREFIX + clientId, Duration.ofMinutes(1));
		if (issued.value() > this.clients.tokensPerMinute()) {
			throw ServiceTokenException.tooMany(issued.retryAfter());
		}
		String granted = String.join(" ", new TreeSet<>(scopes));
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(clientId)
			.claim(AccessTokens.CLIENT_ID_CLAIM, clientId)
			.claim("scope", granted)
			.issuedAt(now)
			.expiresAt(now.plus(this.clients.tokenTtl()))
			.id(UUID.randomUUID().toString())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(this.keys.current().getKeyID()).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(Map.of("access_token", token, "token_type", "Bearer", "expires_in",
					this.clients.tokenTtl().toSeconds(), "scope", granted));
	}

	/**
	 * The client id, if the Basic credentials name a registered client and its secret;
	 * otherwise {@code null}.
	 */
	private String authenticate(String authorization) {
		String credentials = decodeBasic(authorization);
		int colon = (credentials != null) ? credentials.indexOf(':') : -1;
		if (colon > 0) {
			ServiceClientProperties.Client client = this.clients.clients().get(credentials.substring(0, colon));
			if (client != null && MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
					credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
				return credentials.substring(0, colon);
			}
		}
		return null;
	}

	private static String decodeBasic(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			return new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	@ExceptionHandler(ServiceTokenException.class)
	ResponseEntity<ProblemDetail> refused(ServiceTokenException ex) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status);
		if (ex.status == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"meet\"");
		}
		if (ex.retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter.toSeconds()));
		}
		return response.body(Problems.of(ex.status, ex.getMessage(), ex.code));
	}

	private static final class ServiceTokenException extends RuntimeException {

		private final HttpStatus status;

		private final String code;

		private final Duration retryAfter;

		ServiceTokenException(HttpStatus status, String code, String message) {
			this(status, code, message, null);
		}

		private ServiceTokenException(HttpStatus status, String code, String message, Duration retryAfter) {
			super(message);
			this.status = status;
			this.code = code;
			this.retryAfter = retryAfter;
		}

		static ServiceTokenException tooMany(Duration retryAfter) {
			return new ServiceTokenException(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
					"Too many token requests; try again later", retryAfter);
		}

	}

}
