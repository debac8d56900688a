package app.meet.auth.token;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.meet.platform.security.SecurityProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys tokens are verified with, and the issuer's metadata. */
@RestController
@Tag(name = "keys", description = "The public keys access tokens are signed with")
class JwksController {

	private final SigningKeys keys;

	private final SecurityProperties security;

	JwksController(SigningKeys keys, SecurityProperties security) {
		this.keys = keys;
		this.security = security;
	}

	@Operation(summary = "The signing keys as a JSON Web Key Set")
	@GetMapping("/.well-known/jwks.json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publicKeys().toJSONObject());
	}

	@Operation(summary = "Issuer metadata naming the key set")
	@GetMapping("/.well-known/openid-configuration")
	Map<String, Object> openIdConfiguration() {
		String issuer = this.security.issuer();
		return Map.of("issuer", issuer, "jwks_uri", issuer + "/.well-known/jwks.json",
				"id_token_signing_alg_values_supported", List.of("ES256"), "token_endpoint", issuer + "/api/auth/login",
				"subject_types_supported", List.of("public"), "response_types_supported", List.of("token"));
	}

}
