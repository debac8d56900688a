package app.meet.platform.events;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.platform.tracing.TraceContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Publishes every {@link DomainEvent} from the transactional outbox to Kafka as a
 * CloudEvent, and retries what could not be published (for example while Kafka was down)
 * until it is.
 */
// after the beans its conditions look for (the Kafka template and the publication
// registry), before the default executor of asynchronous listeners that it replaces
@AutoConfiguration(
		afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
				"org.springframework.modulith.events.config.EventPublicationAutoConfiguration" },
		beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnClass(EventExternalizationConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	private static final int PARTITIONS = 3;

	/** The header that brings an event's trace context to the send. */
	private static final String TRACE_CONTEXT = TraceContext.class.getName();

	private static final Logger log = LoggerFactory.getLogger(OutboxAutoConfiguration.class);

	private static final Duration FIRST_SEND_RETRY = Duration.ofSeconds(1);

	/** So that events flow again within ten seconds of the broker's return. */
	private static final Duration LONGEST_SEND_RETRY = Duration.ofSeconds(10);

	@Bean
	EventExternalizationConfiguration domainEventExternalization(@Value("${spring.application.name}") String source) {
		return EventExternalizationConfiguration.externalizing()
			.select((event) -> event instanceof DomainEvent)
			.route(DomainEvent.class, (event) -> RoutingTarget.forTarget(event.topic()).andKey(event.subject()))
			// a Message carries its own headers through the Kafka externalizer; the trace
			// context is taken off again before the send (outboxKafkaOperations)
			.mapping(DomainEvent.class,
					(event) -> MessageBuilder.withPayload(event.event())
						.copyHeaders(headers(event, source))
						.setHeader(TRACE_CONTEXT, TraceContext.orNone(event.trace()))
						.build())
			// one at a time, so that events leave in the order they were committed
			.serializeExternalization(true)
			.build();
	}

	/**
	 * The executor of asynchronous listeners, which the outbox's externalization is: one
	 * thread, so that events are handed to Kafka in the order they were committed (with
	 * several threads, two events of one transaction could overtake each other).
	 */
	@Bean
	AsyncConfigurer orderedExternalization(ExternalizationQueue queue) {
		return new AsyncConfigurer() {

			@Override
			public Executor getAsyncExecutor() {
				return queue;
			}

		};
	}

	@Bean
	ExternalizationQueue externalizationQueue() {
		return new ExternalizationQueue();
	}

	/**
	 * Creates the topics the service publishes to ({@code meet.outbox.topics}) at
	 * start-up, so that the first event does not wait for a topic to be created on
	 * demand.
	 */
	@Bean
	@ConditionalOnClass(NewTopic.class)
	KafkaAdmin.NewTopics outboxTopics(OutboxProperties properties) {
		return new KafkaAdmin.NewTopics(properties.topics()
			.stream()
			.filter((topic) -> !topic.isBlank())
			.map((topic) -> TopicBuilder.name(topic).partitions(PARTITIONS).build())
			.toArray(NewTopic[]::new));
	}

	/**
	 * The Kafka operations the outbox sends with: the application's template, except that
	 * a send Kafka does not take (the broker unreachable, a delivery that timed out) is
	 * tried again on the outbox's own thread, after a second and then twice as long up to
	 * thirty, until Kafka takes it. Externalization is serialized, so the events
	 * committed after it wait behind it and every aggregate's events leave in the order
	 * they were committed, however long the broker is away; no request waits, as
	 * externalization runs after the commit. Only if the service stops meanwhile is the
	 * send given up: the publication stays incomplete, and {@link OutboxRetry} sends it
	 * after the restart. Each event is sent in the trace context it was made in, so the
	 * producer's span, and through the record's headers its consumers' spans, continue
	 * the trace of the request that made it, whenever it is sent.
	 */
	@Bean
	@Primary
	@ConditionalOnBean(KafkaTemplate.class)
	@SuppressWarnings("unchecked")
	KafkaOperations<Object, Object> outboxKafkaOperations(KafkaTemplate<?, ?> template) {
		InvocationHandler untilTaken = (proxy, method, arguments) -> method.getName().equals("send")
				? sendInItsTrace(template, method, arguments) : invoke(template, method, arguments);
		return (KafkaOperations<Object, Object>) Proxy.newProxyInstance(KafkaOperations.class.getClassLoader(),
				new Class<?>[] { KafkaOperations.class }, untilTaken);
	}

	private static Object sendInItsTrace(KafkaTemplate<?, ?> template, Method method, Object[] arguments)
			throws Throwable {
		if (arguments.length == 1 && arguments[0] instanceof Message<?> message
				&& message.getHeaders().get(TRACE_CONTEXT) instanceof TraceContext trace) {
			Object[] withoutContext = { MessageBuilder.fromMessage(message).removeHeader(TRACE_CONTEXT).build() };
			try (Scope scope = trace.resume()) {
				return sendUntilTaken(template, method, withoutContext);
			}
		}
		return sendUntilTaken(template, method, arguments);
	}

	private static Object sendUntilTaken(KafkaTemplate<?, ?> template, Method method, Object[] arguments)
			throws Throwable {
		Duration wait = FIRST_SEND_RETRY;
		for (int attempt = 1;; attempt++) {
			Throwable failure;
			try {
				CompletableFuture<?> sent = (CompletableFuture<?>) invoke(template, method, arguments);
				return CompletableFuture.completedFuture(sent.get());
			}
			catch (KafkaException ex) {
				failure = ex;
			}
			catch (ExecutionException ex) {
				failure = ex.getCause();
			}
			// the first failure and then every doubling, so that a long outage is seen
			// without a line per try
			if (Integer.bitCount(attempt) == 1) {
				log.warn("Kafka did not take an event (attempt {}); it and the events after it wait: {}", attempt,
						failure.getMessage());
			}
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return CompletableFuture.failedFuture(failure);
			}
			wait = (wait.compareTo(LONGEST_SEND_RETRY) < 0) ? wait.multipliedBy(2) : LONGEST_SEND_RETRY;
		}
	}

	private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	static Map<String, Object> headers(DomainEvent event, String source) {
		EventEnvelope envelope = new EventEnvelope(event.eventId(), source, event.eventType().name(),
				event.occurredAt(), event.subject(), event.eventType().dataSchema());
		Map<String, Object> headers = new HashMap<>();
		envelope.toKafkaHeaders().forEach((header) -> headers.put(header.key(), header.value()));
		return headers;
	}

	@Bean
	@ConditionalOnBean(IncompleteEventPublications.class)
	OutboxRetry outboxRetry(IncompleteEventPublications publications, ExternalizationQueue queue,
			OutboxProperties properties) {
		return new OutboxRetry(publications, queue, properties.retryInterval());
	}

}
