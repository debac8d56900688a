package app.meet.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside the request's span: ties the request id to the trace (as the
 * {@value RequestIds#MDC_KEY} baggage, which goes on with every call, outbox event and
 * Kafka record made for the request) and logs one line per request, without its query
 * (which may hold a token). Health probes are not logged.
 */
class RequestLogFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

	private final Tracer tracer;

	RequestLogFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIdFilter.requestId(request);
		long started = System.nanoTime();
		try (BaggageInScope baggage = (requestId != null)
				? this.tracer.createBaggageInScope(RequestIds.MDC_KEY, requestId) : null) {
			chain.doFilter(request, response);
		}
		finally {
			if (!request.getRequestURI().startsWith("/actuator/")) {
				log.info("{} {} {} in {} ms{}", request.getMethod(), request.getRequestURI(), response.getStatus(),
						(System.nanoTime() - started) / 1_000_000, request.isAsyncStarted() ? ", streaming" : "");
			}
		}
	}

}
