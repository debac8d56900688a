package app.meet.devstack.test;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A signed-in caller for web slice tests, which run without the security filters: the
 * controllers read the token from the security context, as they do behind the filters. A
 * slice imports {@link PrincipalArguments} so that {@code @AuthenticationPrincipal}
 * arguments resolve.
 */
public final class WebSliceUser implements AfterEachCallback {

	/** Signs the user in for the requests that follow on this thread. */
	public static UUID signIn() {
		UUID id = UUID.randomUUID();
		Jwt token = Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject(id.toString())
			.claim("username", "ann")
			.claim("name", "Ann")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(900))
			.build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token));
		return id;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		SecurityContextHolder.clearContext();
	}

	/** Spring Security's MVC support, which resolves {@code @AuthenticationPrincipal}. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableWebSecurity
	public static class PrincipalArguments {

	}

}
