package app.meet.platform.web;

import io.micrometer.tracing.Tracer;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Request ids, problem+json errors and canonical typed values for every servlet-based
 * service.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ ProblemDetailsExceptionHandler.class, ProblemDetailCompletion.class, ProblemErrorController.class,
		CanonicalValues.class })
public class ServletConventionsAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Just inside the request's observation (Boot's filter, which starts the span, is
	 * ordered right after the request id's).
	 */
	@Bean
	FilterRegistrationBean<RequestLogFilter> requestLogFilter(ObjectProvider<Tracer> tracer) {
		FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(
				new RequestLogFilter(tracer.getIfAvailable(() -> Tracer.NOOP)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** What Tomcat answers and accepts by itself, before any servlet runs. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tomcat.class)
	static class TomcatConventions {

		@Bean
		ProblemJsonErrorReports problemJsonErrorReports(JsonMapper json) {
			return new ProblemJsonErrorReports(json);
		}

		/**
		 * No limit on the number of headers (Tomcat's default is 100): the gateway passes
		 * any number within its size limit, and the size limit bounds the number here
		 * too.
		 */
		@Bean
		TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>> headersBoundedBySizeOnly() {
			return (protocol) -> protocol.setMaxHeaderCount(-1);
		}

		/**
		 * Puts {@link ProblemJsonErrorReportValve} on Tomcat's host in place of the HTML
		 * error report that Boot puts there with a context customizer of its own; ordered
		 * last, so that its context customizer runs after Boot's. Naming the valve's
		 * class on the host keeps Tomcat from adding its default report too.
		 */
		static final class ProblemJsonErrorReports
				implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

			private final JsonMapper json;

			ProblemJsonErrorReports(JsonMapper json) {
				this.json = json;
			}

			@Override
			public void customize(ConfigurableTomcatWebServerFactory factory) {
				factory.addContextCustomizers((context) -> {
					Container host = context.getParent();
					Pipeline pipeline = host.getPipeline();
					for (Valve valve : pipeline.getValves()) {
						if (valve instanceof ErrorReportValve) {
							pipeline.removeValve(valve);
						}
					}
					pipeline.addValve(new ProblemJsonErrorReportValve(this.json));
					if (host instanceof StandardHost standardHost) {
						standardHost.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
					}
				});
			}

			@Override
			public int getOrder() {
				return Ordered.LOWEST_PRECEDENCE;
			}

		}

	}

}
