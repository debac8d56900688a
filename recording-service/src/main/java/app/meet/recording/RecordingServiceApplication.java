package app.meet.recording;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RecordingServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(RecordingServiceApplication.class, args);
	}

}
