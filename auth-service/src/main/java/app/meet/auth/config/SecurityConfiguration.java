package app.meet.auth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing: bcrypt with cost 10. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final int BCRYPT_COST = 10;

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder(BCRYPT_COST);
	}

}
