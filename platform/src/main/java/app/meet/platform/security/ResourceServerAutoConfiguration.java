package app.meet.platform.security;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every servlet service is an OAuth2 resource server of its own (defence in depth behind
 * the gateway): stateless, every path but health, metrics and the service's declared
 * public paths needs a valid user access token, {@code /internal/**} a service token
 * (scope {@value AccessTokens#INTERNAL_SCOPE}) and nothing else does, and 401/403 are
 * problem+json.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
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
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, SecurityProperties properties, JsonMapper json)
			throws Exception {
		ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(json);
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/actuator/health/**", "/actuator/prometheus", "/error")
						.permitAll()
						.requestMatchers(properties.publicPaths().toArray(String[]::new))
						.permitAll()
						.requestMatchers("/internal/**")
						.hasAuthority(AccessTokens.INTERNAL_AUTHORITY)
						.anyRequest()
						.access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
								AuthorizationManagers
									.not(AuthorityAuthorizationManager.hasAuthority(AccessTokens.INTERNAL_AUTHORITY)))))
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}).authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

}
