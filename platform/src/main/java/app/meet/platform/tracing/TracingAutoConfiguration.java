package app.meet.platform.tracing;

import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Spans written to the log as OTLP JSON when {@code meet.tracing.log-spans} is on
 * ({@code MEET_TRACING_LOG_SPANS=true}): whole traces, each span with its name, timing
 * and attributes, without a tracing server; beside the OTLP export, if one is set.
 */
@AutoConfiguration
@ConditionalOnClass(OtlpJsonLoggingSpanExporter.class)
public class TracingAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("meet.tracing.log-spans")
	SpanExporter spanLog() {
		return OtlpJsonLoggingSpanExporter.create();
	}

}
