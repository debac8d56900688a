package app.meet.gateway.routing;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import jakarta.validation.constraints.NotNull;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own calls (the JWKS, its service token, the upgrade check, readiness)
 * fail fast: every WebClient built from Spring's builder connects within
 * {@code connect-timeout} and gets its answer within {@code response-timeout}. Proxied
 * requests have their own timeouts
 * ({@code spring.cloud.gateway.server.webflux.httpclient}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallTimeouts.Settings.class)
class CallTimeouts {

	@Bean
	WebClientCustomizer timeoutsOnEveryWebClient(Settings settings) {
		return (builder) -> builder.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.responseTimeout(settings.responseTimeout())));
	}

	/**
	 * @param connectTimeout how long a connection may take to open
	 * @param responseTimeout how long an answer may take once the request is sent
	 */
	@ConfigurationProperties("meet.gateway.calls")
	@Validated
	record Settings(@DefaultValue("1s") @NotNull Duration connectTimeout,
			@DefaultValue("3s") @NotNull Duration responseTimeout) {

	}

}
