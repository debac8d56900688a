package app.meet.events.meeting;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a request to join stands: still waiting, let in, or turned away. */
public enum Admission {

	@JsonProperty("waiting")
	WAITING,

	@JsonProperty("admitted")
	ADMITTED,

	@JsonProperty("denied")
	DENIED

}
