package app.meet.platform.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Up when the Kafka cluster answers a metadata request within a couple of seconds. */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final AdminClient admin;

	KafkaHealthIndicator(Map<String, Object> adminProperties) {
		super("Kafka is not reachable");
		Map<String, Object> properties = new java.util.HashMap<>(adminProperties);
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		this.admin = AdminClient.create(properties);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		var cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
		String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
		builder.up().withDetail("cluster_id", clusterId).withDetail("brokers", brokers);
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(1));
	}

}
