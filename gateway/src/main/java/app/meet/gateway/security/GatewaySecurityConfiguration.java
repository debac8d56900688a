package app.meet.gateway.security;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import app.meet.platform.security.AccessTokens;
import app.meet.platform.security.RevokedTokens;
import app.meet.platform.security.SecurityProperties;
import app.meet.platform.security.VerifiedTokens;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The front door: every API path needs a user's valid access token (signature through
 * auth-service's JWKS, expiry, issuer, audience, neither it nor its login revoked),
 * except the few that create or renew one; a service's token opens nothing here. Paths no
 * route serves stay 404 whoever asks. Answers from here, refusals included, carry the
 * CORS headers the routes do, so that a cross-origin frontend sees a 401 as a 401.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class GatewaySecurityConfiguration {

	private static final List<String> PUBLIC_POSTS = List.of("/api/auth/register", "/api/auth/login",
			"/api/auth/refresh");

	@Bean
	SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ProblemSecurityHandlers problems, GlobalCorsProperties cors) {
		UrlBasedCorsConfigurationSource corsConfigurations = new UrlBasedCorsConfigurationSource();
		corsConfigurations.setCorsConfigurations(cors.getCorsConfigurations());
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.cors((spec) -> spec.configurationSource(corsConfigurations))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers(HttpMethod.POST, PUBLIC_POSTS.toArray(String[]::new))
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/users/*/avatar")
				.permitAll()
				.pathMatchers("/api/**", "/ws", "/files/**")
				.authenticated()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtDecoder(decoder))
				.bearerTokenConverter(new QueryTokenPaths().converter())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	/**
	 * Verifies through the JWKS ({@link JwksCache}), once per token while it is kept,
	 * takes only users' tokens, and checks the denylist (the token and its login) on
	 * every request.
	 */
	@Bean
	ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, ReactorLoadBalancerExchangeFilterFunction loadBalancer,
			ReactiveStringRedisTemplate redis, WebClient.Builder webClients) {
		JwksCache keys = new JwksCache(webClients.clone().filter(loadBalancer).build(), properties.jwksUri(),
				Clock.systemUTC());
		NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		verifier.setJwtValidator(new DelegatingOAuth2TokenValidator<>(AccessTokens.validator(properties),
				(jwt) -> AccessTokens.isServiceToken(jwt)
						? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
								"A service's token opens nothing through the gateway", null))
						: OAuth2TokenValidatorResult.success()));
		VerifiedTokens verified = new VerifiedTokens(properties.verifiedTokensKept(), Clock.systemUTC());
		return (token) -> Mono.justOrEmpty(verified.find(token))
			.switchIfEmpty(Mono.defer(() -> verifier.decode(token)).doOnNext((jwt) -> verified.remember(token, jwt)))
			.flatMap((jwt) -> redis.countExistingKeys(RevokedTokens.keys(jwt))
				.flatMap((revoked) -> (revoked > 0) ? Mono.error(new BadJwtException("The token was revoked"))
						: Mono.just(jwt)));
	}

}
