package app.meet.platform.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context some work was done in ({@code traceparent}, {@code tracestate}
 * and {@code baggage}, which carries the request id), as headers. It is kept with what is
 * handled later or elsewhere (an event in the outbox, a notice relayed to the other
 * instances), so that whoever handles it continues the same trace: after a restart too.
 *
 * @param headers the W3C headers, empty outside a trace
 */
public record TraceContext(Map<String, String> headers) {

	/** Outside any trace. */
	public static final TraceContext NONE = new TraceContext(Map.of());

	private static final TextMapPropagator W3C = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
			W3CBaggagePropagator.getInstance());

	private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	public TraceContext {
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
	}

	/**
	 * The context of the current span. Micrometer Tracing's OpenTelemetry bridge keeps
	 * its spans and baggage in OpenTelemetry's context, which is read here.
	 */
	public static TraceContext current() {
		Map<String, String> headers = new LinkedHashMap<>();
		W3C.inject(Context.current(), headers, (carrier, key, value) -> carrier.put(key, value));
		return new TraceContext(headers);
	}

	/** A context that may be absent, as in events stored before contexts were kept. */
	public static TraceContext orNone(@Nullable TraceContext context) {
		return (context != null) ? context : NONE;
	}

	/**
	 * Makes this context current until the scope is closed: spans started meanwhile (the
	 * Kafka producer's, for example) are children of the span it was taken from.
	 */
	public Scope resume() {
		return W3C.extract(Context.root(), this.headers, GETTER).makeCurrent();
	}

}
