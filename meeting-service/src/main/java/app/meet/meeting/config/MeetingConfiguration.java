package app.meet.meeting.config;

import java.time.Clock;

import app.meet.platform.users.UserDirectory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MeetingProperties.class)
class MeetingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The users the service shows, kept in step with {@code auth.events} by the platform.
	 */
	@Bean
	UserDirectory userDirectory(JdbcClient jdbc) {
		return new UserDirectory(jdbc);
	}

}
