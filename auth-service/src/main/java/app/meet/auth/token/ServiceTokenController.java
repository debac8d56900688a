package app.meet.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * with HTTP Basic and gets a short-lived token with scope
 * {@value AccessTokens#INTERNAL_SCOPE}, which opens other services' {@code /internal/**}
 * endpoints and nothing else. The gateway does not route here.
 */
@RestController
@EnableConfigurationProperties(ServiceClientProperties.class)
class ServiceTokenController {

	private final ServiceClientProperties clients;

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final SecurityProperties security;

	private final Clock clock;

	ServiceTokenController(ServiceClientProperties clients, JwtEncoder encoder, SigningKeys keys,
			SecurityProperties security, Clock clock) {
		this.clients = clients;
		this.encoder = encoder;
		this.keys = keys;
		this.security = security;
		this.clock = clock;
	}

	@PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> token(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "grant_type", required = false) String grantType) {
		String clientId = authenticate(authorization);
		if (!"client_credentials".equals(grantType)) {
			throw new ServiceTokenException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"Only the client_credentials grant is supported");
		}
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(clientId)
			.claim("client_id", clientId)
			.claim("scope", AccessTokens.INTERNAL_SCOPE)
			.issuedAt(now)
			.expiresAt(now.plus(this.clients.tokenTtl()))
			.id(UUID.randomUUID().toString())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(this.keys.current().getKeyID()).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(Map.of("access_token", token, "token_type", "Bearer", "expires_in",
					this.clients.tokenTtl().toSeconds(), "scope", AccessTokens.INTERNAL_SCOPE));
	}

	/**
	 * The client id, if the Basic credentials name a configured client and its secret.
	 */
	private String authenticate(String authorization) {
		String credentials = decodeBasic(authorization);
		int colon = (credentials != null) ? credentials.indexOf(':') : -1;
		if (colon > 0) {
			String expected = this.clients.clients().get(credentials.substring(0, colon));
			if (expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
					credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
				return credentials.substring(0, colon);
			}
		}
		throw new ServiceTokenException(HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret");
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
		return response.body(Problems.of(ex.status, ex.getMessage(), ex.code));
	}

	private static final class ServiceTokenException extends RuntimeException {

		private final HttpStatus status;

		private final String code;

		ServiceTokenException(HttpStatus status, String code, String message) {
			super(message);
			this.status = status;
			this.code = code;
		}

	}

}
