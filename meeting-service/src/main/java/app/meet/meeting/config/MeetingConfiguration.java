package app.meet.meeting.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MeetingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
