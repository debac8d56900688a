package app.meet.auth.token;

import java.time.Clock;

import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import app.meet.platform.security.AccessTokens;
import app.meet.platform.security.SecurityProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs with the current key; verifies (for auth-service's own endpoints) with every
 * published key.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		JWKSource<SecurityContext> current = (selector, context) -> selector
			.select(new com.nimbusds.jose.jwk.JWKSet(keys.current()));
		return new NimbusJwtEncoder(current);
	}

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties) {
		JWKSource<SecurityContext> published = (JWKSelector selector, SecurityContext context) -> selector
			.select(keys.published());
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(published)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(AccessTokens.validator(properties));
		return decoder;
	}

}
