package app.meet.meeting.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MeetingProperties.class)
class MeetingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
