package app.meet.gateway.security;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import app.meet.platform.security.AccessTokens;
import app.meet.platform.security.SecurityProperties;
import app.meet.platform.security.VerifiedTokens;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The front door: every API path needs a valid access token (signature through
 * auth-service's JWKS, expiry, issuer, audience, not revoked), except the few that create
 * or renew one. Paths no route serves stay 404 whoever asks.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class GatewaySecurityConfiguration {

	/** Shared with auth-service, which writes an entry per revoked token. */
	static final String DENYLIST_PREFIX = "meet:token-denylist:";

	private static final List<String> PUBLIC_POSTS = List.of("/api/auth/register", "/api/auth/login",
			"/api/auth/refresh");

	@Bean
	SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ProblemSecurityHandlers problems) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
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
	 * Verifies through the JWKS (cached; fetched again on an unknown key id), once per
	 * token while it is kept, and checks the denylist on every request.
	 */
	@Bean
	ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, ReactorLoadBalancerExchangeFilterFunction loadBalancer,
			ReactiveStringRedisTemplate redis) {
		NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.webClient(WebClient.builder().filter(loadBalancer).build())
			.build();
		verifier.setJwtValidator(AccessTokens.validator(properties));
		VerifiedTokens verified = new VerifiedTokens(properties.verifiedTokensKept(), Clock.systemUTC());
		return (token) -> Mono.justOrEmpty(verified.find(token))
			.switchIfEmpty(Mono.defer(() -> verifier.decode(token)).doOnNext((jwt) -> verified.remember(token, jwt)))
			.flatMap((jwt) -> redis.hasKey(DENYLIST_PREFIX + jwt.getId())
				.flatMap((revoked) -> revoked ? Mono.error(new BadJwtException("The token was revoked"))
						: Mono.just(jwt)));
	}

}
