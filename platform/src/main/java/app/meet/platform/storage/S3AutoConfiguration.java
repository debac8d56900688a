package app.meet.platform.storage;

import io.minio.MinioClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/** A MinIO client for services that store objects, and an {@code s3} readiness check. */
@AutoConfiguration
@ConditionalOnClass(MinioClient.class)
@EnableConfigurationProperties(S3Properties.class)
public class S3AutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MinioClient minioClient(S3Properties properties) {
		return MinioClient.builder()
			.endpoint(properties.endpoint().toString())
			.credentials(properties.accessKey(), properties.secretKey())
			.build();
	}

	@Bean
	@ConditionalOnEnabledHealthIndicator("s3")
	S3HealthIndicator s3HealthIndicator(MinioClient client) {
		return new S3HealthIndicator(client);
	}

}
