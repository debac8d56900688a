package app.meet.platform.tracing;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	@Test
	void theCurrentSpanAndBaggageAreTakenAsW3cHeaders() {
		try (Scope scope = requestContext().makeCurrent()) {
			assertThat(TraceContext.current().headers())
				.containsEntry("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01")
				.containsEntry("baggage", "request_id=r-1");
		}
	}

	@Test
	void outsideATraceThereIsNothingToKeep() {
		assertThat(TraceContext.current()).isEqualTo(TraceContext.NONE);
		assertThat(TraceContext.orNone(null)).isEqualTo(TraceContext.NONE);
	}

	@Test
	void aContextTakenOnOneThreadIsResumedOnAnother() {
		TraceContext taken;
		try (Scope scope = requestContext().makeCurrent()) {
			taken = TraceContext.current();
		}

		Map<String, String> resumed = CompletableFuture.supplyAsync(() -> {
			try (Scope scope = taken.resume()) {
				return Map.of("trace", Span.current().getSpanContext().getTraceId(), "parent",
						Span.current().getSpanContext().getSpanId(), "request",
						Baggage.current().getEntryValue("request_id"));
			}
		}).join();

		assertThat(resumed).containsEntry("trace", TRACE_ID)
			.containsEntry("parent", SPAN_ID)
			.containsEntry("request", "r-1");
		assertThat(Span.current().getSpanContext().isValid()).as("nothing left behind").isFalse();
	}

	private static Context requestContext() {
		SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
		return Context.root().with(Span.wrap(span)).with(Baggage.builder().put("request_id", "r-1").build());
	}

}
