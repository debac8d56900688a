package app.meet.gateway.routing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The gateway's own calls against a server that takes the request and never answers. */
class CallTimeoutsTests {

	private HttpServer server;

	@BeforeEach
	void startHangingServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try {
				Thread.sleep(3_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void aCallThatGetsNoAnswerFailsAfterTheResponseTimeout() {
		Duration responseTimeout = Duration.ofMillis(500);
		WebClient.Builder builder = WebClient.builder();
		new CallTimeouts().timeoutsOnEveryWebClient(new CallTimeouts.Settings(Duration.ofSeconds(1), responseTimeout))
			.customize(builder);
		WebClient client = builder.build();

		long started = System.nanoTime();
		assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> client.get()
			.uri("http://127.0.0.1:" + this.server.getAddress().getPort() + "/")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10)));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(responseTimeout, Duration.ofSeconds(5));
	}

}
