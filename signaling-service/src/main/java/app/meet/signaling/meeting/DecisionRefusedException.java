package app.meet.signaling.meeting;

/** An admit or deny that meeting-service refused, with its reason. */
public class DecisionRefusedException extends RuntimeException {

	public DecisionRefusedException(String message) {
		super(message);
	}

}
