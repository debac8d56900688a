package app.meet.recording;

import app.meet.devstack.test.ServiceStructureTests;

class RecordingServiceStructureTests extends ServiceStructureTests {

	RecordingServiceStructureTests() {
		super(RecordingServiceApplication.class, "recording-service");
	}

}
