package app.meet.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP trace receiver, where the whole stack exports its spans during the run: it
 * keeps, per trace id, which service made which span.
 */
final class OtlpReceiver {

	private final Map<String, Set<String>> spansByTrace = new ConcurrentHashMap<>();

	private final HttpServer server;

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		OtlpReceiver receiver = new OtlpReceiver(server);
		server.createContext("/v1/traces", receiver::export);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		return receiver;
	}

	/** Where the services send their spans (the exporter's endpoint). */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * The spans received of the trace, each as {@code service: span name}.
	 */
	Set<String> spans(String traceId) {
		return Set.copyOf(this.spansByTrace.getOrDefault(traceId, Set.of()));
	}

	/**
	 * A trace that has every one of the spans ({@code service: span name}), if one came.
	 */
	Optional<String> traceWith(String... spans) {
		return this.spansByTrace.entrySet()
			.stream()
			.filter((trace) -> trace.getValue().containsAll(List.of(spans)))
			.map(Map.Entry::getKey)
			.findFirst();
	}

	private void export(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resource : request.getResourceSpansList()) {
				String service = resource.getResource()
					.getAttributesList()
					.stream()
					.filter((attribute) -> attribute.getKey().equals("service.name"))
					.map(KeyValue::getValue)
					.map((value) -> value.getStringValue())
					.findFirst()
					.orElse("unknown");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					for (Span span : scope.getSpansList()) {
						this.spansByTrace
							.computeIfAbsent(HexFormat.of().formatHex(span.getTraceId().toByteArray()),
									(trace) -> ConcurrentHashMap.newKeySet())
							.add(service + ": " + span.getName());
					}
				}
			}
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

}
