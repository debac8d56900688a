package app.meet.platform.security;

import java.time.Clock;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Every servlet service is an OAuth2 resource server of its own (defence in depth behind
 * the gateway): stateless; every path but health, metrics and the service's declared
 * public paths needs a user's access token that was not revoked; {@code /internal/**}
 * opens only to a service token with the scope the service names for the path
 * ({@code meet.security.internal-scopes}), and to nothing else; 401/403 are problem+json.
 * The client address a request carries is believed only from the gateway
 * ({@link ClientAddressFilter}).
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class, StringRedisTemplate.class })
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebSecurity
public class ResourceServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		decoder.setJwtValidator(AccessTokens.validator(properties));
		return new VerifiedTokens(properties.verifiedTokensKept(), Clock.systemUTC()).caching(decoder);
	}

	@Bean
	@ConditionalOnMissingBean
	RevokedTokens revokedTokens(StringRedisTemplate redis) {
		return new RevokedTokens(redis);
	}

	@Bean
	@ConditionalOnMissingBean
	RevocationWatch revocationWatch(RevokedTokens revoked, SecurityProperties properties) {
		return new RevocationWatch(revoked, properties.revocationCheckInterval());
	}

	@Bean
	FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(JwtDecoder decoder) {
		FilterRegistrationBean<ClientAddressFilter> registration = new FilterRegistrationBean<>(
				new ClientAddressFilter(decoder));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, SecurityProperties properties, JsonMapper json,
			RevokedTokens revoked) throws Exception {
		ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(json);
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers("/actuator/health/**", "/actuator/prometheus", "/error", "/v3/api-docs")
					.permitAll()
					.requestMatchers(properties.publicPaths().toArray(String[]::new))
					.permitAll();
				for (Map.Entry<String, String> internal : properties.internalScopes().entrySet()) {
					requests.requestMatchers(internal.getKey()).access(serviceTokenWith(internal.getValue()));
				}
				requests.requestMatchers("/internal/**").denyAll().anyRequest().access(userToken());
			})
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(unlessRevoked(revoked, new JwtAuthenticationConverter())))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * Checked on every request, after the signature (which is checked once per token):
	 * logging out or ending a login takes effect at once.
	 */
	private static Converter<Jwt, AbstractAuthenticationToken> unlessRevoked(RevokedTokens revoked,
			JwtAuthenticationConverter authentication) {
		return (jwt) -> {
			if (revoked.isRevoked(jwt)) {
				throw new InvalidBearerTokenException("The token was revoked");
			}
			return authentication.convert(jwt);
		};
	}

	private static AuthorizationManager<RequestAuthorizationContext> userToken() {
		return (authentication,
				context) -> new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
						&& !AccessTokens.isServiceToken(token.getToken()));
	}

	private static AuthorizationManager<RequestAuthorizationContext> serviceTokenWith(String scope) {
		return (authentication,
				context) -> new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
						&& AccessTokens.isServiceToken(token.getToken())
						&& AccessTokens.hasScope(token.getToken(), scope));
	}

}
