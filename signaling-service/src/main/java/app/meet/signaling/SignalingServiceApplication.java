package app.meet.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class SignalingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SignalingServiceApplication.class, args);
	}

}
