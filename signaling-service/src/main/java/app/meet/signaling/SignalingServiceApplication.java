package app.meet.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SignalingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SignalingServiceApplication.class, args);
	}

}
