package app.meet.recording.config;

import java.time.Clock;

import io.minio.MinioAsyncClient;

import app.meet.platform.storage.S3Properties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecordingProperties.class)
@EnableScheduling
class RecordingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The multipart calls (create, upload part, complete, abort) are on the async client.
	 */
	@Bean
	MinioAsyncClient minioAsyncClient(S3Properties properties) {
		return MinioAsyncClient.builder()
			.endpoint(properties.endpoint().toString())
			.credentials(properties.accessKey(), properties.secretKey())
			.build();
	}

}
