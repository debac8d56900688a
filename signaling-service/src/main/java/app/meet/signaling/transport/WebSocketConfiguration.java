package app.meet.signaling.transport;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private static final int TEXT_BUFFER_CHARS = 2048;

	private static final int BINARY_BUFFER_BYTES = 256;

	private static final int SOCKET_BUFFER_BYTES = 4096;

	private final SignalingSocketHandler handler;

	private final EntryHandshake handshake;

	WebSocketConfiguration(SignalingSocketHandler handler, EntryHandshake handshake) {
		this.handler = handler;
		this.handshake = handshake;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// browsers reach the service only through the gateway, which applies CORS
		registry.addHandler(this.handler, "/ws").addInterceptors(this.handshake).setAllowedOriginPatterns("*");
	}

	/**
	 * Every open socket keeps its connection's read and write buffers (8 KiB each by
	 * default).
	 */
	@Bean
	TomcatConnectorCustomizer smallSocketBuffers() {
		return (connector) -> {
			connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
			connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
		};
	}

	/**
	 * The container keeps buffers of these sizes for every socket, idle or not; frames
	 * larger than the text buffer (SDP with a screen share is well over it) arrive in
	 * parts that the handler puts together, up to {@code meet.signaling.max-frame-size}.
	 * The protocol has no binary messages.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
		container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
		return container;
	}

}
