package app.meet.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class SignalingServiceApplication {

	/**
	 * Tomcat gives every socket input, output and encoder buffers of this size (8 KiB, 8
	 * KiB and 16 KiB by default) for as long as it is open; thousands of mostly idle
	 * sockets need them small. It reads the setting once, when its WebSocket classes
	 * load.
	 */
	static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	public static void main(String[] args) {
		if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
			System.setProperty(WEBSOCKET_BUFFER_SIZE, "2048");
		}
		SpringApplication.run(SignalingServiceApplication.class, args);
	}

}
