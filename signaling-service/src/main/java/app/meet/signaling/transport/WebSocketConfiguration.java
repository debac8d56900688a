package app.meet.signaling.transport;

import app.meet.signaling.config.SignalingProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

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

	/** SDP with a screen share is far over the container's default 8 KiB frames. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer(SignalingProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(properties.maxFrameSize());
		container.setMaxBinaryMessageBufferSize(properties.maxFrameSize());
		return container;
	}

}
