package app.meet.platform.storage;

import io.minio.MinioClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Up when the object store answers an authenticated request. */
class S3HealthIndicator extends AbstractHealthIndicator {

	private final MinioClient client;

	S3HealthIndicator(MinioClient client) {
		super("The object store is not reachable");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.up().withDetail("buckets", this.client.listBuckets().size());
	}

}
